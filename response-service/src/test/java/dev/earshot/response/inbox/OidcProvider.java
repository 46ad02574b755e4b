package dev.earshot.response.inbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;

/**
 * A company's identity provider for the inbox's OIDC tests: WireMock answering like Keycloak's realm endpoints
 * (discovery, JWKS, authorization, token, end-session) with RS256 ID tokens of a key made at start, and the logout
 * tokens it would post to the inbox's back-channel logout URI ({@link #logoutToken}). {@link #next}
 * decides whom the next authorization signs in: the authorization endpoint sends the browser back to the inbox's
 * redirect URI with a fresh code and the request's state, and the token endpoint exchanges exactly that code (sent
 * with the client's secret) for that person's tokens.
 */
public class OidcProvider implements QuarkusTestResourceLifecycleManager {

    static final String REALM = "/realms/acme";
    static final String CLIENT_ID = "earshot-inbox";
    static final String CLIENT_SECRET = "test-client-secret-not-for-production";
    static final String AUTHORIZE = REALM + "/protocol/openid-connect/auth";
    static final String END_SESSION = REALM + "/protocol/openid-connect/logout";

    /** Marks the test's field that gets the running provider. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Inject {
    }

    /** The event a logout token must name ({@code events}). */
    static final String BACK_CHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private WireMockServer server;
    private KeyPair keys;
    private volatile String lastSessionId;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        String issuer = issuer();
        String base = issuer + "/protocol/openid-connect";
        server.stubFor(get(urlEqualTo(REALM + "/.well-known/openid-configuration")).willReturn(okJson("""
                {"issuer":"%1$s","authorization_endpoint":"%2$s/auth","token_endpoint":"%2$s/token",
                 "jwks_uri":"%2$s/certs","end_session_endpoint":"%2$s/logout","userinfo_endpoint":"%2$s/userinfo",
                 "response_types_supported":["code"],"subject_types_supported":["public"],
                 "id_token_signing_alg_values_supported":["RS256"],"scopes_supported":["openid","email","profile"],
                 "token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"]}
                """.formatted(issuer, base))));
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        server.stubFor(get(urlEqualTo(REALM + "/protocol/openid-connect/certs")).willReturn(okJson("""
                {"keys":[{"kty":"RSA","kid":"acme-1","use":"sig","alg":"RS256","n":"%s","e":"%s"}]}
                """.formatted(base64(key.getModulus()), base64(key.getPublicExponent())))));
        // the provider's own sign-out page, where RP-initiated logout lands
        server.stubFor(get(urlPathEqualTo(END_SESSION)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<p>Signed out of Acme</p>")));
        return Map.of("quarkus.oidc.auth-server-url", issuer, "quarkus.oidc.client-id", CLIENT_ID,
                "quarkus.oidc.credentials.secret", CLIENT_SECRET);
    }

    String issuer() {
        return "http://localhost:" + server.port() + REALM;
    }

    /**
     * The next authorization signs in this person (groups: what the provider claims of their roles, which the inbox
     * must ignore). Returns the code it will hand out.
     */
    String next(String email, boolean emailVerified, String... groups) {
        String code = UUID.randomUUID().toString();
        lastSessionId = "acme-session-" + code;
        String idToken = Jwt.issuer(issuer()).audience(CLIENT_ID).subject(subject(email))
                .claim("sid", lastSessionId).claim("email", email).claim("email_verified", emailVerified)
                .claim("name", "Acme " + email).groups(Set.of(groups)).expiresIn(300).jws().keyId("acme-1")
                .sign(keys.getPrivate());
        server.stubFor(get(urlPathEqualTo(AUTHORIZE)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "{{urlEncode request.query.redirect_uri decode=true}}?code=" + code
                        + "&state={{request.query.state}}")
                .withTransformers("response-template")));
        server.stubFor(post(urlEqualTo(REALM + "/protocol/openid-connect/token"))
                .withHeader("Authorization", containing("Basic "))
                .withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("code=" + code)).willReturn(okJson("""
                        {"access_token":"opaque-%1$s","token_type":"Bearer","expires_in":300,
                         "refresh_token":"refresh-%1$s","id_token":"%2$s"}
                        """.formatted(code, idToken))));
        return code;
    }

    /** The person's subject at the provider: the same in every session of theirs. */
    static String subject(String email) {
        return "acme-" + email;
    }

    /** The provider's session (sid) of the last sign-in {@link #next} prepared. */
    String lastSessionId() {
        return lastSessionId;
    }

    /**
     * A logout token (OpenID Connect Back-Channel Logout 1.0) as the provider posts it when this session (sid) of this
     * person (sub) ends, signed with the provider's key.
     */
    String logoutToken(String subject, String sessionId) {
        return sign(logoutClaims(subject, sessionId));
    }

    /** The claims of such a logout token, to change before signing; a null subject or session id is left out. */
    Map<String, Object> logoutClaims(String subject, String sessionId) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", issuer());
        claims.put("aud", CLIENT_ID);
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", Instant.now().plusSeconds(120).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("events", Map.of(BACK_CHANNEL_LOGOUT_EVENT, Map.of()));
        if (subject != null) {
            claims.put("sub", subject);
        }
        if (sessionId != null) {
            claims.put("sid", sessionId);
        }
        return claims;
    }

    /** These claims signed with the provider's key (RS256, its key id). */
    String sign(Map<String, Object> claims) {
        return Jwt.claims(claims).jws().keyId("acme-1").sign(keys.getPrivate());
    }

    /** These claims signed with a key that is not the provider's, under the provider's key id. */
    static String signByStranger(Map<String, Object> claims) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.claims(claims).jws().keyId("acme-1").sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many token requests exchanged this code. */
    int exchanges(String code) {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlEqualTo(REALM + "/protocol/openid-connect/token"))
                .withRequestBody(containing("code=" + code))).size();
    }

    private static String base64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(java.util.Arrays.copyOfRange(bytes, skip, bytes.length));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.AnnotatedAndMatchesType(Inject.class, OidcProvider.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
