package dev.earshot.listener.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import dev.earshot.listener.messaging.MentionPublisher;
import dev.earshot.testing.DevJwt;
import dev.earshot.testing.TestBroker;
import io.quarkus.redis.datasource.RedisDataSource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Common ground of the @QuarkusTest classes: WireMock answering an empty Algolia page to everything,
 * a clean slate in Redis db 1 ({@code earshot:*}) and a purged tap queue on {@code earshot.mentions}.
 */
public abstract class ListenerTestSupport {

    public static final String TAP_QUEUE = "listener-service-test.mentions";
    public static final String SEARCH_PATH = "/api/v1/search_by_date";

    /**
     * The RabbitMQ virtual host of this module's tests; {@code EARSHOT_TEST_VHOST} (read by
     * application.properties too) lets two test runs on one machine use separate ones.
     */
    public static final String TEST_VHOST = System.getenv().getOrDefault("EARSHOT_TEST_VHOST", "earshot-test-listener");

    protected static TestBroker broker;

    @InjectAlgolia
    protected WireMockServer algolia;

    @Inject
    protected RedisDataSource redis;

    @BeforeAll
    static void openBroker() {
        broker = new TestBroker(TEST_VHOST);
        broker.tap(MentionPublisher.EXCHANGE, TAP_QUEUE);
    }

    @AfterAll
    static void closeBroker() throws Exception {
        // drop the tap queue so that it does not collect what other test suites publish meanwhile
        broker.deleteQueue(TAP_QUEUE);
        broker.close();
    }

    @BeforeEach
    void cleanSlate() {
        algolia.resetAll();
        algolia.stubFor(get(urlPathEqualTo(SEARCH_PATH)).atPriority(10)
                .willReturn(json(resource("hackernews/page-empty.json"))));
        List<String> keys = redis.key().keys("earshot:*");
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
        }
        broker.purge(TAP_QUEUE);
    }

    protected static MappingBuilder search(String keyword) {
        return get(urlPathEqualTo(SEARCH_PATH)).atPriority(1).withQueryParam("query", equalTo(keyword));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(body);
    }

    public static String resource(String path) {
        try (InputStream in = ListenerTestSupport.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Triggers a Hacker News poll through the API as a lead. */
    protected static ValidatableResponse pollNow() {
        return given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON)
                .when().post("/api/v1/sources/hackernews/poll")
                .then().statusCode(200);
    }
}
