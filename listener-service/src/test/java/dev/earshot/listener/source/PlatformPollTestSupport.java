package dev.earshot.listener.source;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import dev.earshot.listener.support.ListenerTestSupport;
import dev.earshot.testing.DevJwt;
import dev.earshot.testing.TestBroker;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** End-to-end tests of a connector: poll through the API, the generic poller, the pipeline, to RabbitMQ. */
public abstract class PlatformPollTestSupport extends ListenerTestSupport {

    @InjectPlatforms
    protected WireMockServer platforms;

    @Inject
    protected ObjectMapper objectMapper;

    @BeforeEach
    void resetPlatforms() {
        platforms.resetAll();
    }

    /** Polls every feed of a source now, as a lead, and answers the poll summary. */
    protected static ValidatableResponse poll(String source) {
        return given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON)
                .when().post("/api/v1/sources/" + source + "/poll")
                .then().statusCode(200);
    }

    /** The next {@code count} mentions published, parsed. */
    protected List<JsonNode> takeMentions(int count) {
        List<JsonNode> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            while (received.size() < count) {
                TestBroker.Received m = broker.take(TAP_QUEUE);
                if (m == null) {
                    break;
                }
                received.add(objectMapper.readTree(m.body()));
            }
            return received.size() >= count;
        });
        return received;
    }
}
