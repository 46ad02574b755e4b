package dev.earshot.response.inbox;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service with {@code earshot.inbox.sign-in=oidc} against the WireMock provider {@link OidcProvider}. */
public class OidcSignInProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("earshot.inbox.sign-in", "oidc");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OidcProvider.class));
    }
}
