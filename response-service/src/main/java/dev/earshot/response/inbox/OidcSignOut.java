package dev.earshot.response.inbox;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.smallrye.mutiny.Uni;

/**
 * Sign-out of an OIDC inbox session: quarkus-oidc clears the session cookies (path /inbox), then the browser goes to
 * the provider's end-session endpoint (RP-initiated logout, with the ID token as hint) when its discovery document
 * names one, so the next sign-in asks again; the provider sends it back to the login page. Without one, straight to
 * the login page (the provider's own session stays: signing in again may not ask for a password).
 */
@ApplicationScoped
public class OidcSignOut {

    static final String SIGNED_OUT = "/inbox/login?signed-out=true";

    private final OidcSession session;
    private final OidcConfigurationMetadata provider;

    public OidcSignOut(OidcSession session, OidcConfigurationMetadata provider) {
        this.session = session;
        this.provider = provider;
    }

    /** Clears the session; the address to send the browser to. */
    Uni<URI> signOut(UriInfo uri, boolean https) {
        String idToken = session.getIdToken().getRawToken();
        String endSession = provider.getEndSessionUri();
        return session.logout().map(done -> {
            if (endSession == null || idToken == null) {
                return URI.create(SIGNED_OUT);
            }
            UriBuilder back = uri.getBaseUriBuilder().replacePath("/inbox/login").replaceQuery("signed-out=true");
            if (https) {
                back.scheme("https");
            }
            return UriBuilder.fromUri(endSession).queryParam("id_token_hint", idToken)
                    .queryParam("post_logout_redirect_uri", back.build()).build();
        });
    }
}
