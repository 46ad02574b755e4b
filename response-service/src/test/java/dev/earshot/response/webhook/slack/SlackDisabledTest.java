package dev.earshot.response.webhook.slack;

import static dev.earshot.response.webhook.slack.SlackRequests.ALICE;
import static dev.earshot.response.webhook.slack.SlackRequests.SECRET;
import static dev.earshot.response.webhook.slack.SlackRequests.click;
import static dev.earshot.response.webhook.slack.SlackRequests.form;
import static dev.earshot.response.webhook.slack.SlackRequests.sign;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Without a signing secret the Slack endpoint does not exist, even for a correctly signed request. */
@QuarkusTest
@TestProfile(SlackDisabledTest.NoSigningSecret.class)
class SlackDisabledTest {

    public static class NoSigningSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.earshot.slack.signing-secret", "");
        }
    }

    @Test
    void answers404WhenNoSigningSecretIsConfigured() {
        byte[] body = form(click(ALICE, "earshot_claim", "1", "http://localhost:1/actions/x"));
        String now = SlackRequests.now();
        SlackRequests.post(body, now, sign(SECRET, now, body)).expect(404);
        SlackRequests.post(body, null, null).expect(404);
    }
}
