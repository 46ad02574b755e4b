package dev.earshot.response.common;

import dev.earshot.response.inbox.OidcSignInProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link AuthTest} again with the inbox on OIDC sign-in: quarkus-oidc (web-app) takes no bearer token, so every
 * /api/v1 endpoint answers 401, 403 and passes exactly as in form mode.
 */
@QuarkusTest
@TestProfile(OidcSignInProfile.class)
class AuthInOidcModeTest extends AuthTest {
}
