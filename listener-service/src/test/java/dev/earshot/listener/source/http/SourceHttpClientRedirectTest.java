package dev.earshot.listener.source.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.earshot.listener.source.SourceException;
import dev.earshot.web.net.AddressGuard;
import io.vertx.mutiny.core.Vertx;

/**
 * Redirects as {@link SourceHttpClient} follows them, over real HTTP: a WireMock server on localhost is the
 * configured feed; with the strict guard (no allow-list) its own host may redirect within itself but nowhere
 * non-public, e.g. to 127.0.0.1, which is the same server under another host name, so the journal shows
 * whether a refused target was requested.
 */
class SourceHttpClientRedirectTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String FEED = "<rss version=\"2.0\"><channel><title>acme</title></channel></rss>";

    static Vertx vertx;
    static WireMockServer server;
    static SourceHttpClient strict;
    static SourceHttpClient allowing;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        strict = new SourceHttpClient(vertx, new AddressGuard(List.of()));
        allowing = new SourceHttpClient(vertx, new AddressGuard(List.of("127.0.0.1")));
    }

    @AfterAll
    static void stop() {
        strict.close();
        allowing.close();
        server.stop();
        vertx.closeAndAwait();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        server.stubFor(get(urlPathEqualTo("/feed.xml")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml").withBody(FEED)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
            "http://10.1.2.3/admin", "http://metadata.google.internal/computeMetadata/v1/", "http://[::1]:8080/",
            "http://2130706433/", "http://[::ffff:a9fe:a9fe]/latest/meta-data/" })
    void aRedirectToAnInternalAddressFailsTheCallAtOnce(String target) {
        redirect("/feed.rss", 302, target);

        long started = System.nanoTime();
        SourceException failure = failure(strict, HttpCall.get(url("/feed.rss"), TIMEOUT, 65536));

        assertInstanceOf(SourceException.RedirectRefused.class, failure);
        assertTrue(failure.getMessage().startsWith("redirect from localhost:" + server.port() + " "),
                failure.getMessage());
        assertTrue(failure.getMessage().contains(" refused: "), failure.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(3)) < 0,
                "refused before any connection, not after a timeout");
    }

    @Test
    void aRedirectToLoopbackUnderAnotherNameIsNeverRequested() {
        redirect("/feed.rss", 301, "http://127.0.0.1:" + server.port() + "/feed.xml");

        SourceException failure = failure(strict, HttpCall.get(url("/feed.rss"), TIMEOUT, 65536));

        assertEquals("redirect from localhost:" + server.port() + " to 127.0.0.1:" + server.port()
                + " refused: host 127.0.0.1 resolves to a non-public address (127.0.0.1)", failure.getMessage());
        server.verify(0, getRequestedFor(urlPathEqualTo("/feed.xml")));
    }

    @Test
    void theMessageNamesHostsButNoQueryString() {
        redirect("/feed.rss", 307, "http://10.1.2.3/export?key=s3cr3t-redirect");

        SourceException failure = failure(strict, HttpCall.get(url("/feed.rss?token=s3cr3t-feed"), TIMEOUT, 65536));

        assertFalse(failure.getMessage().contains("s3cr3t"), failure.getMessage());
        assertTrue(failure.getMessage().contains("10.1.2.3"), failure.getMessage());
    }

    @Test
    void aRelativeRedirectOnTheConfiguredHostIsFollowedEvenOnLoopback() {
        redirect("/old/feed.rss", 301, "../feed.xml");

        HttpResult result = strict.send(HttpCall.get(url("/old/feed.rss"), TIMEOUT, 65536))
                .await().atMost(Duration.ofSeconds(10));

        assertEquals(200, result.status());
        assertEquals(FEED, result.body());
    }

    @Test
    void threeRedirectsAreFollowedAndAFourthRefused() {
        redirect("/r1", 302, "/r2");
        redirect("/r2", 303, url("/r3"));
        redirect("/r3", 307, "/feed.xml");
        assertEquals(FEED, strict.send(HttpCall.get(url("/r1"), TIMEOUT, 65536)).await().atMost(Duration.ofSeconds(10)).body());

        server.resetRequests();
        redirect("/r0", 308, "/r1");
        SourceException failure = failure(strict, HttpCall.get(url("/r0"), TIMEOUT, 65536));
        assertInstanceOf(SourceException.RedirectRefused.class, failure);
        assertTrue(failure.getMessage().endsWith("refused: more than 3 redirects in a row"), failure.getMessage());
        server.verify(0, getRequestedFor(urlPathEqualTo("/feed.xml")));
    }

    @Test
    void anAllowListedHostIsFollowedToTheVettedAddressWithItsOwnHostHeader() {
        redirect("/feed.rss", 302, "http://127.0.0.1:" + server.port() + "/feed.xml?page=1");

        HttpResult result = allowing.send(HttpCall.get(url("/feed.rss"), TIMEOUT, 65536).withHeader("Accept",
                "application/rss+xml")).await().atMost(Duration.ofSeconds(10));

        assertEquals(FEED, result.body());
        server.verify(getRequestedFor(urlPathEqualTo("/feed.xml")).withQueryParam("page", equalTo("1"))
                .withHeader("Host", equalTo("127.0.0.1:" + server.port()))
                .withHeader("Accept", equalTo("application/rss+xml")));
    }

    @Test
    void otherSchemesAndBrokenLocationsAreRefused() {
        redirect("/feed.rss", 302, "file:///etc/passwd");
        assertTrue(failure(allowing, HttpCall.get(url("/feed.rss"), TIMEOUT, 65536)).getMessage()
                .endsWith("to a file URL refused: only http and https are followed"));

        redirect("/feed.rss", 302, "http://exa mple.com/");
        assertInstanceOf(SourceException.RedirectRefused.class, failure(allowing, HttpCall.get(url("/feed.rss"), TIMEOUT, 65536)));
    }

    @Test
    void aTargetThatDoesNotResolveIsAConnectionFailureNotARefusal() {
        redirect("/feed.rss", 302, "http://feeds.name.invalid/feed.xml");

        SourceException failure = failure(strict, HttpCall.get(url("/feed.rss"), TIMEOUT, 65536));

        assertEquals(0, assertInstanceOf(SourceException.Upstream.class, failure).status());
        assertEquals("redirect from localhost:" + server.port() + " to feeds.name.invalid failed: host"
                + " feeds.name.invalid does not resolve", failure.getMessage());
    }

    @Test
    void requestsWithATokenAndPostsGetTheRedirectItselfBack() {
        redirect("/feed.rss", 302, "/feed.xml");
        server.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(302).withHeader("Location", "/feed.xml")));

        HttpResult authorised = strict.send(HttpCall.get(url("/feed.rss"), TIMEOUT, 65536)
                .withHeader("authorization", "Bearer t0ken")).await().atMost(Duration.ofSeconds(10));
        HttpResult posted = strict.send(HttpCall.post(url("/token"), "application/json", "{}", TIMEOUT, 65536))
                .await().atMost(Duration.ofSeconds(10));

        assertEquals(302, authorised.status());
        assertEquals(302, posted.status());
        server.verify(postRequestedFor(urlPathEqualTo("/token")));
        server.verify(0, getRequestedFor(urlPathEqualTo("/feed.xml")));
    }

    private static void redirect(String path, int status, String location) {
        server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status).withHeader("Location", location)));
    }

    private static String url(String pathAndQuery) {
        return "http://localhost:" + server.port() + pathAndQuery;
    }

    private static SourceException failure(SourceHttpClient client, HttpCall call) {
        return assertThrows(SourceException.class, () -> client.send(call).await().atMost(Duration.ofSeconds(10)));
    }
}
