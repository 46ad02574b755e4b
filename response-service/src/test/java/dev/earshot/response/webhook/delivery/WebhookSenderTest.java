package dev.earshot.response.webhook.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.earshot.response.webhook.format.OutgoingMessage;
import dev.earshot.web.net.AddressGuard;
import io.vertx.core.Vertx;

/** The sender on its own, with a real Vert.x client against a local receiver. */
class WebhookSenderTest {

    static Vertx vertx;
    static WireMockServer receiver;
    static final OutgoingMessage MESSAGE = new OutgoingMessage("{\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8),
            Map.of("Content-Type", "application/json", "webhook-id", "msg_1"));

    final WebhookSender local = new WebhookSender(vertx,
            new AddressGuard(List.of("localhost", "127.0.0.1", "::1")), Duration.ofSeconds(2));
    final WebhookSender strict = new WebhookSender(vertx, new AddressGuard(List.of()), Duration.ofSeconds(2));

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        receiver = new WireMockServer(wireMockConfig().dynamicPort());
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void reset() {
        receiver.resetAll();
    }

    String url(String path) {
        return "http://localhost:" + receiver.port() + path;
    }

    static SendResult send(WebhookSender sender, String url) {
        return sender.send(url, MESSAGE).await().atMost(Duration.ofSeconds(20));
    }

    @Test
    void postsTheBodyAndHeadersToTheVettedAddressWithTheUrlsHost() {
        receiver.stubFor(post(urlEqualTo("/hook?a=1")).willReturn(aResponse().withStatus(200).withBody("ok")));
        SendResult result = send(local, url("/hook?a=1"));
        assertTrue(result.success(), result.toString());
        assertEquals("ok", result.body());
        LoggedRequest request = receiver.findAll(postRequestedFor(urlEqualTo("/hook?a=1"))).get(0);
        assertEquals("{\"text\":\"hello\"}", request.getBodyAsString());
        assertEquals("application/json", request.getHeader("Content-Type"));
        assertEquals("msg_1", request.getHeader("webhook-id"));
        assertEquals("Earshot-Webhooks/1", request.getHeader("User-Agent"));
        assertEquals("localhost:" + receiver.port(), request.getHeader("Host"));
    }

    @Test
    void withAnEmptyAllowListLocalAndPrivateTargetsAreRefusedBeforeAnyRequest() {
        for (String url : List.of(url("/hook"), "http://127.0.0.1:" + receiver.port() + "/hook",
                "http://2130706433:" + receiver.port() + "/hook", "http://[::ffff:7f00:1]:" + receiver.port() + "/",
                "http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data/",
                "http://metadata.google.internal/computeMetadata/v1/", "ftp://example.org/")) {
            SendResult result = send(strict, url);
            assertTrue(result.refused(), url + " " + result);
            assertNull(result.statusCode());
            assertFalse(result.success());
        }
        assertEquals(0, receiver.findAll(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void redirectsAreFollowedAndEachTargetIsCheckedAgain() {
        receiver.stubFor(post(urlEqualTo("/old")).willReturn(aResponse().withStatus(308).withHeader("Location", "/new")));
        receiver.stubFor(post(urlEqualTo("/new")).willReturn(aResponse().withStatus(202)));
        SendResult moved = send(local, url("/old"));
        assertEquals(202, moved.statusCode());
        assertEquals("{\"text\":\"hello\"}",
                receiver.findAll(postRequestedFor(urlEqualTo("/new"))).get(0).getBodyAsString());

        for (String target : List.of("http://169.254.169.254/latest/meta-data/", "http://10.1.1.1/",
                "http://[fd00:ec2::254]/", "file:///etc/passwd")) {
            receiver.stubFor(post(urlEqualTo("/evil")).willReturn(aResponse().withStatus(302).withHeader("Location", target)));
            SendResult refused = send(local, url("/evil"));
            assertTrue(refused.refused(), target + " " + refused);
        }
    }

    @Test
    void atMostThreeRedirectsAreFollowed() {
        receiver.stubFor(any(urlEqualTo("/loop")).willReturn(aResponse().withStatus(307).withHeader("Location", "/loop")));
        SendResult result = send(local, url("/loop"));
        assertEquals(307, result.statusCode());
        assertFalse(result.success());
        assertTrue(result.error().contains("redirects"), result.error());
        assertEquals(4, receiver.findAll(postRequestedFor(urlEqualTo("/loop"))).size());
    }

    @Test
    void readsAtMost64KbOfTheAnswer() {
        receiver.stubFor(post(urlEqualTo("/big")).willReturn(aResponse().withStatus(500).withBody("x".repeat(300_000))));
        SendResult result = send(local, url("/big"));
        assertEquals(500, result.statusCode());
        assertEquals(64 * 1024, result.body().length());
    }

    @Test
    void retryAfterComesBackWithTheResult() {
        receiver.stubFor(post(urlEqualTo("/busy")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        assertEquals(Duration.ofSeconds(7), send(local, url("/busy")).retryAfter());
        receiver.stubFor(post(urlEqualTo("/discord")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"You are being rate limited.\", \"retry_after\": 0.6, \"global\": false}")));
        assertEquals(Duration.ofMillis(600), send(local, url("/discord")).retryAfter());
    }

    @Test
    void noAnswerAndSlowAnswersBecomeResultsNotFailures() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SendResult refused = send(local, "http://127.0.0.1:" + closedPort + "/hook");
        assertNull(refused.statusCode());
        assertFalse(refused.refused());
        assertTrue(refused.error().startsWith("no answer"), refused.error());

        receiver.stubFor(post(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(5000)));
        SendResult slow = send(local, url("/slow"));
        assertNull(slow.statusCode());
        assertFalse(slow.refused());
        assertTrue(slow.durationMillis() < 4500, slow.toString());
    }
}
