package dev.earshot.response.inbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.earshot.response.people.EndedSignIns;
import dev.earshot.response.people.SignIn;
import dev.earshot.response.people.SignInConfig;
import dev.earshot.response.people.UserRepository;
import dev.earshot.response.task.TestData;
import dev.earshot.testing.DevJwt;
import dev.earshot.web.Problem;
import io.agroal.api.AgroalDataSource;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;

/**
 * The inbox with {@code earshot.inbox.sign-in=oidc} against a WireMock identity provider ({@link OidcProvider}): the
 * authorization-code flow driven by hand (each redirect followed with REST Assured, the cookies carried as a browser
 * would), the person found in the directory by email with the directory's role, someone unknown refused with a page,
 * sign-out at the provider, back-channel logout from it, and the API on bearer tokens exactly as in form mode.
 */
@QuarkusTest
@TestProfile(OidcSignInProfile.class)
class InboxOidcSignInTest {

    static final String ANN = "ann@acme.example";
    static final String ROOT = "root@acme.example";
    static final String BACK_CHANNEL_LOGOUT = "/inbox/oidc/back-channel-logout";

    @OidcProvider.Inject
    OidcProvider provider;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    UserRepository users;

    @Inject
    Clock clock;

    @Inject
    EndedSignIns endedSignIns;

    @AfterEach
    void emptyTheDirectory() {
        InboxPeople.removeAll(dataSource);
        TestData.sql(dataSource, "DELETE FROM ended_sign_in");
    }

    /** What a browser holds: its cookies, by name. */
    record Browser(Map<String, String> cookies) {
        Browser() {
            this(new HashMap<>());
        }

        Response get(String url) {
            Response r = given().redirects().follow(false).cookies(cookies).get(url);
            keep(r);
            return r;
        }

        Response post(String path, Map<String, String> form) {
            Response r = given().redirects().follow(false).cookies(cookies)
                    .contentType("application/x-www-form-urlencoded").formParams(form).post(path);
            keep(r);
            return r;
        }

        /** Set-Cookie as a browser applies it: a cookie set empty or expired is gone. */
        void keep(Response r) {
            for (String header : r.getHeaders().getValues("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                String lower = header.toLowerCase(Locale.ROOT);
                if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
        }
    }

    /** Opens {@code path} signed out and goes through the provider as {@code email}; the answer of the last hop. */
    Response signIn(Browser browser, String path, String email, String... groups) {
        Response start = browser.get(path);
        start.then().statusCode(302).header("Location", startsWith(provider.issuer() + "/protocol/openid-connect/auth?"));
        String code = provider.next(email, true, groups);
        Response authorized = browser.get(start.getHeader("Location"));
        authorized.then().statusCode(302).header("Location", containsString("code=" + code));
        Response callback = browser.get(authorized.getHeader("Location"));
        assertEquals(1, provider.exchanges(code), "the code is exchanged once, with the client secret");
        return callback;
    }

    @Test
    void theInboxSendsYouToTheProviderAndBackAsTheDirectorysPerson() {
        InboxPeople.add(dataSource, ANN, "agent", "unused password", "support");
        Browser browser = new Browser();
        Response start = browser.get("/inbox/tasks/42");
        start.then().statusCode(302);
        URI authorize = URI.create(start.getHeader("Location"));
        Map<String, String> query = query(authorize);
        assertEquals(OidcProvider.CLIENT_ID, query.get("client_id"));
        assertEquals("code", query.get("response_type"));
        assertTrue(query.get("scope").contains("openid") && query.get("scope").contains("email"), query.get("scope"));
        // one redirect URI to register, whatever page started the sign-in
        assertTrue(query.get("redirect_uri").endsWith("/inbox/oidc"), query.get("redirect_uri"));
        assertNotNull(query.get("state"));
        String stateCookie = start.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith("q_auth"))
                .findFirst().orElseThrow();
        assertCookieFlags(stateCookie);

        browser.cookies().clear();
        // the provider claims admin; the directory says agent, and the directory decides
        Response back = signIn(browser, "/inbox", ANN, "admin");
        back.then().statusCode(302).header("Location", containsString("/inbox"));
        String session = back.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith("q_session"))
                .findFirst().orElseThrow();
        assertCookieFlags(session);
        assertFalse(browser.cookies().containsKey("earshot-inbox"), "no form session in OIDC mode");

        Response inbox = browser.get("/inbox");
        inbox.then().statusCode(200).body(containsString(ANN)).body(not(containsString("href=\"/inbox/admin\"")))
                .body(not(containsString("href=\"/inbox/insights\"")));
        // the role is read from the directory on every request: promoted, the next page shows it
        TestData.sql(dataSource, "UPDATE app_user SET role = 'admin' WHERE id = '" + ANN + "'");
        browser.get("/inbox").then().statusCode(200).body(containsString("href=\"/inbox/admin\""));
        // deleted: refused at once
        InboxPeople.removeAll(dataSource);
        browser.get("/inbox").then().statusCode(403).body(containsString("nobody with this email"));
    }

    @Test
    void theSignInRestoresThePageThatStartedIt() {
        InboxPeople.add(dataSource, ANN, "agent", "unused password", "support");
        Browser browser = new Browser();
        Response back = signIn(browser, "/inbox?assignee=me", ANN);
        back.then().statusCode(302).header("Location", containsString("/inbox?assignee=me"));
    }

    @Test
    void someoneTheDirectoryDoesNotKnowIsRefusedWithAPage() {
        InboxPeople.add(dataSource, ANN, "agent", "unused password", "support");
        Browser browser = new Browser();
        signIn(browser, "/inbox", "mallory@elsewhere.example", "admin");
        browser.get("/inbox").then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("mallory@elsewhere.example")).body(containsString("nobody with this email"))
                .body(containsString("action=\"/inbox/logout\""));
        // no task either, and nothing in the API
        browser.get("/inbox/tasks/1").then().statusCode(403);
        given().cookies(browser.cookies()).get("/api/v1/tasks").then().statusCode(401);

        // an email the provider has not verified does not count
        Browser unverified = new Browser();
        Response start = unverified.get("/inbox");
        provider.next(ANN, false);
        Response callback = unverified.get(unverified.get(start.getHeader("Location")).getHeader("Location"));
        callback.then().statusCode(302);
        unverified.get("/inbox").then().statusCode(403).body(containsString("has not verified your email"));
    }

    @Test
    void signingOutClearsTheSessionAndSignsOutAtTheProvider() {
        InboxPeople.add(dataSource, ANN, "agent", "unused password", "support");
        Browser browser = new Browser();
        signIn(browser, "/inbox", ANN);
        browser.get("/inbox").then().statusCode(200);
        String csrf = browser.cookies().get(InboxCsrf.COOKIE);
        // without the CSRF token nothing happens
        browser.post("/inbox/logout", Map.of()).then().statusCode(400);
        assertTrue(browser.cookies().keySet().stream().anyMatch(c -> c.startsWith("q_session")));

        Response out = browser.post("/inbox/logout", Map.of(InboxCsrf.FIELD, csrf));
        out.then().statusCode(303).header("Location", startsWith(provider.issuer() + "/protocol/openid-connect/logout?"));
        Map<String, String> query = query(URI.create(out.getHeader("Location")));
        assertNotNull(query.get("id_token_hint"));
        assertTrue(query.get("post_logout_redirect_uri").endsWith("/inbox/login?signed-out=true"),
                query.get("post_logout_redirect_uri"));
        assertFalse(browser.cookies().keySet().stream().anyMatch(c -> c.startsWith("q_session")),
                "the session cookie is cleared: " + browser.cookies().keySet());
        browser.get("/inbox").then().statusCode(302).header("Location", startsWith(provider.issuer()));
        browser.get("/inbox/login?signed-out=true").then().statusCode(200).body(containsString("You are signed out"))
                .body(containsString("Sign in with your organisation")).body(not(containsString("j_security_check")));
    }

    /** Posts a logout token to the back-channel logout URI as the provider does: no cookie, a form. */
    static Response backChannelLogout(String logoutToken) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("logout_token", logoutToken).post(BACK_CHANNEL_LOGOUT);
    }

    @Test
    void aSignOutAtTheProviderEndsTheSessionByBackChannel() {
        InboxPeople.add(dataSource, ANN, "agent", "unused password", "support");
        Browser browser = new Browser();
        signIn(browser, "/inbox", ANN);
        String sessionId = provider.lastSessionId();
        browser.get("/inbox").then().statusCode(200).body(containsString(ANN));
        // the same person in a second browser: the same sub, another session at the provider
        Browser other = new Browser();
        signIn(other, "/inbox", ANN);
        assertNotEquals(sessionId, provider.lastSessionId());
        other.get("/inbox").then().statusCode(200);
        String subject = OidcProvider.subject(ANN);

        // refused, and the session lives on: a stranger's signature, another audience, expired, no logout event, a
        // nonce, no sid (the key logouts are matched by), not a form
        refusedLogoutTokens(subject, sessionId);
        Map<String, Object> claims = provider.logoutClaims(subject, sessionId);
        claims.put("exp", Instant.now().minusSeconds(600).getEpochSecond());
        backChannelLogout(provider.sign(claims)).then().statusCode(400);
        claims = provider.logoutClaims(subject, sessionId);
        claims.put("nonce", "n-1");
        backChannelLogout(provider.sign(claims)).then().statusCode(400);
        backChannelLogout(provider.logoutToken(subject, null)).then().statusCode(400);
        given().redirects().follow(false).get(BACK_CHANNEL_LOGOUT).then().statusCode(400);
        browser.get("/inbox").then().statusCode(200).body(containsString(ANN));
        // a logout of some other session at the provider ends nothing here
        backChannelLogout(provider.logoutToken(subject, "acme-session-elsewhere")).then().statusCode(200);
        browser.get("/inbox").then().statusCode(200).body(containsString(ANN));

        // the provider ends the first browser's session: its next request is signed out (the cookie cleared, back to
        // the login page) and the next goes to the provider (the durable record: see the tests below)
        backChannelLogout(provider.logoutToken(subject, sessionId)).then().statusCode(200);
        browser.get("/inbox").then().statusCode(303).header("Location", endsWith("/inbox/login"));
        assertFalse(browser.cookies().keySet().stream().anyMatch(c -> c.startsWith("q_session")),
                "the session cookie is cleared: " + browser.cookies().keySet());
        browser.get("/inbox").then().statusCode(302).header("Location", startsWith(provider.issuer()));
        // the person's other session is another session at the provider: it goes on
        other.get("/inbox").then().statusCode(200).body(containsString(ANN));
    }

    /** A new browser signed in through the provider as this person (its session there: provider.lastSessionId()). */
    Browser signedIn(String email) {
        Browser browser = new Browser();
        signIn(browser, "/inbox", email);
        return browser;
    }

    /** Logout tokens of this session that quarkus-oidc refuses (400): a stranger's signature, another audience, no event. */
    void refusedLogoutTokens(String subject, String sessionId) {
        backChannelLogout(OidcProvider.signByStranger(provider.logoutClaims(subject, sessionId))).then()
                .statusCode(400);
        Map<String, Object> claims = provider.logoutClaims(subject, sessionId);
        claims.put("aud", "another-client");
        backChannelLogout(provider.sign(claims)).then().statusCode(400);
        claims = provider.logoutClaims(subject, sessionId);
        claims.remove("events");
        backChannelLogout(provider.sign(claims)).then().statusCode(400);
    }

    /** How many ended sign-ins are recorded (ended_sign_in), all or of this sid. */
    long endedSignIns(String sid) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM ended_sign_in WHERE ? IS NULL OR sid = ?")) {
            s.setString(1, sid);
            s.setString(2, sid);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The provider's logout of this session, answered 200, and recorded (the insert runs on after the answer). */
    void endedAtTheProvider(String subject, String sessionId) {
        backChannelLogout(provider.logoutToken(subject, sessionId)).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> endedSignIns(sessionId) == 1);
    }

    /** Signed out: the session cookie cleared and back to the login page, then the next request goes to the provider. */
    void signedOut(Browser browser) {
        browser.get("/inbox").then().statusCode(303).header("Location", endsWith("/inbox/login"));
        assertFalse(browser.cookies().keySet().stream().anyMatch(c -> c.startsWith("q_session")),
                "the session cookie is cleared: " + browser.cookies().keySet());
        browser.get("/inbox").then().statusCode(302).header("Location", startsWith(provider.issuer()));
    }

    @Test
    void aCopyOfTheSessionCookieTakenBeforeTheBackChannelLogoutIsRefusedToo() {
        InboxPeople.add(dataSource, ANN, "agent", "unused password", "support");
        Browser browser = signedIn(ANN);
        String sessionId = provider.lastSessionId();
        browser.get("/inbox").then().statusCode(200).body(containsString(ANN));
        Browser copy = new Browser(new HashMap<>(browser.cookies()));

        endedAtTheProvider(OidcProvider.subject(ANN), sessionId);
        // the browser's own next request: quarkus-oidc's in-memory logout on this replica, spent on it
        signedOut(browser);
        // the copy comes after: the recorded logout refuses it, and again on every later request
        signedOut(copy);
        Browser secondCopy = new Browser(new HashMap<>(copy.cookies()));
        secondCopy.get("/inbox").then().statusCode(302).header("Location", startsWith(provider.issuer()));
        given().cookies(browser.cookies()).get("/api/v1/tasks").then().statusCode(401);
    }

    @Test
    void aSignInEndedOnAnotherReplicaIsRefusedHere() {
        InboxPeople.add(dataSource, ANN, "agent", "unused password", "support");
        Browser browser = signedIn(ANN);
        String sessionId = provider.lastSessionId();
        browser.get("/inbox").then().statusCode(200).body(containsString(ANN));
        Browser copy = new Browser(new HashMap<>(browser.cookies()));

        // another replica got the logout token and recorded it; nothing was posted to this one
        TestData.sql(dataSource, "INSERT INTO ended_sign_in (sid, sub, ended_at, recorded_at) VALUES ('" + sessionId
                + "', '" + OidcProvider.subject(ANN) + "', now(), now())");
        signedOut(browser);
        signedOut(copy);
        // signing in again starts another session at the provider: in
        signIn(browser, "/inbox", ANN);
        browser.get("/inbox").then().statusCode(200).body(containsString(ANN));
    }

    @Test
    void aLogoutNamingThePersonOnlyEndsAllTheirSessionsIssuedUntilThen() {
        InboxPeople.add(dataSource, ANN, "agent", "unused password", "support");
        InboxPeople.add(dataSource, ROOT, "admin", "unused password");
        Browser one = signedIn(ANN);
        Browser two = signedIn(ANN);
        Browser root = signedIn(ROOT);

        TestData.sql(dataSource, "INSERT INTO ended_sign_in (sid, sub, ended_at, recorded_at) VALUES (NULL, '"
                + OidcProvider.subject(ANN) + "', now() + interval '1 second', now())");
        signedOut(one);
        signedOut(two);
        root.get("/inbox").then().statusCode(200).body(containsString(ROOT));
    }

    @Test
    void anUnverifiedLogoutTokenRecordsNothing() {
        InboxPeople.add(dataSource, ANN, "agent", "unused password", "support");
        Browser browser = signedIn(ANN);
        String sessionId = provider.lastSessionId();
        String subject = OidcProvider.subject(ANN);
        long before = endedSignIns(null);

        refusedLogoutTokens(subject, sessionId);
        backChannelLogout("not-a-token").then().statusCode(400);

        // a verified one, then: the insert runs on after the answer; by the time it shows, the refused ones would too
        String elsewhere = "acme-session-elsewhere";
        endedAtTheProvider(subject, elsewhere);
        assertEquals(before + 1, endedSignIns(null), "only the verified logout token is recorded");
        assertEquals(0, endedSignIns(sessionId));
        browser.get("/inbox").then().statusCode(200).body(containsString(ANN));
    }

    @Test
    void thePersonsOtherSessionStaysSignedIn() {
        InboxPeople.add(dataSource, ANN, "agent", "unused password", "support");
        Browser browser = signedIn(ANN);
        String sessionId = provider.lastSessionId();
        Browser copy = new Browser(new HashMap<>(browser.cookies()));
        Browser other = signedIn(ANN);
        assertNotEquals(sessionId, provider.lastSessionId());

        endedAtTheProvider(OidcProvider.subject(ANN), sessionId);
        signedOut(copy);
        signedOut(browser);
        // the same person's other session (another sid, issued before the logout) goes on, request after request
        for (int i = 0; i < 3; i++) {
            other.get("/inbox").then().statusCode(200).body(containsString(ANN));
        }
    }

    @Test
    void endedSignInsAreForgottenOnceNoSessionOfThemCanBeLeft() {
        // kept for the session timeout (PT8H) plus the ID token lifetime (PT1H); the housekeeping timer deletes older
        TestData.sql(dataSource, "INSERT INTO ended_sign_in (sid, sub, ended_at, recorded_at) VALUES "
                + "('acme-old', 'acme-x', now() - interval '9 hours 1 minute', now() - interval '9 hours 1 minute'), "
                + "('acme-recent', 'acme-x', now() - interval '8 hours 59 minutes', "
                + "now() - interval '8 hours 59 minutes')");
        await().atMost(Duration.ofSeconds(10)).until(() -> endedSignIns("acme-old") == 0);
        assertEquals(1, endedSignIns("acme-recent"));
    }

    @Test
    void theBackChannelLogoutUriOpensNoOtherInboxPath() {
        // not a prefix: its neighbours need a session like every other inbox path
        for (String path : List.of(BACK_CHANNEL_LOGOUT + "/x", "/inbox/oidc/back-channel-logout-x", "/inbox/bulk")) {
            given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .formParam("logout_token", "x").post(path).then().statusCode(302)
                    .header("Location", startsWith(provider.issuer()));
        }
    }

    @Test
    void thePasswordFormIsOffInOidcMode() {
        InboxPeople.add(dataSource, ANN, "agent", "correct horse", "support");
        Response r = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("username", ANN).formParam("password", "correct horse").post("/inbox/j_security_check");
        assertNull(r.getCookie("earshot-inbox"), "a password signs nobody in");
        given().redirects().follow(false).cookies(r.getCookies()).get("/inbox").then().statusCode(302)
                .header("Location", startsWith(provider.issuer()));
    }

    @Test
    void theApiStaysOnBearerTokens() {
        InboxPeople.add(dataSource, ROOT, "admin", "unused password");
        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/tasks").then().statusCode(200);
        given().get("/api/v1/tasks").then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().auth().oauth2(DevJwt.tokenSignedByStranger("admin")).get("/api/v1/tasks").then().statusCode(401);
        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/webhooks").then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(DevJwt.token("admin")).get("/api/v1/webhooks").then().statusCode(200);

        // an admin's inbox session does not open the API, and the provider's tokens are not API tokens
        Browser browser = new Browser();
        signIn(browser, "/inbox", ROOT);
        browser.get("/inbox").then().statusCode(200).body(containsString("href=\"/inbox/admin\""));
        given().cookies(browser.cookies()).get("/api/v1/webhooks").then().statusCode(401);
    }

    @Test
    void withAutoProvisionSomeoneUnknownBecomesAnAgentWithoutTeams() throws Throwable {
        InboxPeople.add(dataSource, ANN, "agent", "unused password", "support");
        SignIn.Oidc provisioning = new SignIn.Oidc(users, endedSignIns, config(true), clock);
        SecurityIdentity joined = VertxContextSupport.subscribeAndAwait(() -> provisioning.augment(
                fromProvider("New.Person@Acme.example", "admin"), null));
        assertEquals("new.person@acme.example", joined.getPrincipal().getName());
        assertEquals(Set.of("agent"), joined.getRoles());
        assertNotNull(joined.getCredential(IdTokenCredential.class), "the tokens stay for refresh and sign-out");
        // and the principal is still the ID token, which quarkus-oidc reads back for back-channel logout
        assertEquals("acme-42", ((JsonWebToken) joined.getPrincipal()).getSubject());
        Map<String, Object> person = given().auth().oauth2(DevJwt.token("admin"))
                .get("/api/v1/users/{id}", "new.person@acme.example").then().statusCode(200).extract().jsonPath()
                .getMap("$");
        assertEquals("agent", person.get("role"));
        assertEquals(List.of(), person.get("teams"));
        assertEquals("Acme New.Person@Acme.example", person.get("displayName"));

        // without the flag, nobody is added; bearer tokens and anonymous requests pass untouched
        SignIn.Oidc refusing = new SignIn.Oidc(users, endedSignIns, config(false), clock);
        SecurityIdentity stranger = VertxContextSupport.subscribeAndAwait(() -> refusing.augment(
                fromProvider("other@acme.example", "admin"), null));
        assertEquals(Set.of(), stranger.getRoles());
        assertEquals("other@acme.example", stranger.getAttribute(SignIn.Oidc.NOT_IN_DIRECTORY));
        assertEquals("acme-42", ((JsonWebToken) stranger.getPrincipal()).getSubject());
        given().auth().oauth2(DevJwt.token("admin")).get("/api/v1/users/{id}", "other@acme.example").then()
                .statusCode(404);
        SecurityIdentity bearer = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("tok"))
                .addRole("lead").build();
        assertEquals(bearer, VertxContextSupport.subscribeAndAwait(() -> refusing.augment(bearer, null)));
    }

    /** An identity as quarkus-oidc makes it from an ID token: the token as principal and credential. */
    private static SecurityIdentity fromProvider(String email, String group) {
        Map<String, Object> claims = Map.of("sub", "acme-42", "email", email, "name", "Acme " + email,
                "groups", Set.of(group));
        JsonWebToken token = new JsonWebToken() {
            @Override
            public String getName() {
                return "acme-42";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(token).addRole(group)
                .addCredential(new IdTokenCredential("raw-id-token")).build();
    }

    private static SignInConfig config(boolean autoProvision) {
        return new TestSignInConfig(Optional.empty(), "admin@earshot.local", SignInConfig.Mode.oidc, autoProvision);
    }

    private static void assertCookieFlags(String setCookie) {
        String lower = setCookie.toLowerCase(Locale.ROOT);
        assertTrue(lower.contains("httponly"), setCookie);
        assertTrue(lower.contains("samesite=lax"), setCookie);
        assertTrue(lower.contains("path=/inbox"), setCookie);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }
}
