package dev.earshot.listener.source.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import dev.earshot.listener.model.Mention;
import dev.earshot.listener.rules.Rule;
import dev.earshot.listener.source.Feed;
import dev.earshot.listener.source.FetchedPage;
import dev.earshot.listener.source.InjectPlatforms;
import dev.earshot.listener.source.PlatformWireMock;
import dev.earshot.listener.source.SourceException;
import dev.earshot.listener.support.AlgoliaWireMock;
import dev.earshot.listener.support.ControlCharacters;
import dev.earshot.listener.support.ListenerTestSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(AlgoliaWireMock.class)
@WithTestResource(PlatformWireMock.class)
class BlueskySourceTest {

    static final String XRPC = PlatformWireMock.BLUESKY_PREFIX + "/xrpc/";
    static final String SEARCH = XRPC + "app.bsky.feed.searchPosts";
    static final String PROFILES = XRPC + "app.bsky.actor.getProfiles";
    static final String CREATE = XRPC + "com.atproto.server.createSession";
    static final String REFRESH = XRPC + "com.atproto.server.refreshSession";
    static final String ALICE = "did:plc:ewvi7nxzyoun6zhxrhs64oiz";
    static final String BOB = "did:plc:z72i7hdynmk6r22z27h6tvur";

    @InjectPlatforms
    WireMockServer platforms;

    @Inject
    BlueskySource bluesky;

    @Inject
    BlueskySession session;

    @Inject
    ObjectMapper json;

    final Feed acme = new Feed("bluesky", "bsky.app", "bluesky:bsky.app:search:acme", "acme", List.of("acme"), Map.of());
    String access1;
    String refresh1;
    String access2;
    String access3;

    @BeforeEach
    void reset() throws Exception {
        platforms.resetAll();
        session.forget();
        bluesky.forgetFollowerCounts();
        JsonNode one = json.readTree(ListenerTestSupport.resource("bluesky/session-1.json"));
        access1 = one.get("accessJwt").asText();
        refresh1 = one.get("refreshJwt").asText();
        access2 = json.readTree(ListenerTestSupport.resource("bluesky/session-2.json")).get("accessJwt").asText();
        access3 = json.readTree(ListenerTestSupport.resource("bluesky/session-3.json")).get("accessJwt").asText();
        platforms.stubFor(post(urlPathEqualTo(CREATE)).willReturn(json(ListenerTestSupport.resource("bluesky/session-1.json"))));
        platforms.stubFor(get(urlPathEqualTo(PROFILES)).willReturn(json(ListenerTestSupport.resource("bluesky/profiles.json"))));
    }

    @Test
    void firstPollSearchesLatestWithTheSessionAndAddsFollowerCounts() {
        platforms.stubFor(search(access1).withQueryParam("cursor", absent())
                .willReturn(json(ListenerTestSupport.resource("bluesky/search-acme-newest.json"))
                        .withHeader("ratelimit-limit", "3000").withHeader("ratelimit-remaining", "2999")
                        .withHeader("ratelimit-reset", "1764066000").withHeader("ratelimit-policy", "3000;w=300")));

        FetchedPage page = fetch(acme, null, null);

        assertNull(page.nextPageToken(), "a first poll reads one page");
        assertEquals("at://" + ALICE + "/app.bsky.feed.post/3lbz4wgxq2c2k|2026-11-25T10:15:31.004Z", page.cursorAfter());
        assertEquals(new FetchedPage.RateLimit(3000L, 2999L, Instant.ofEpochSecond(1764066000L)), page.rateLimit());
        Mention first = page.mentions().get(0);
        assertEquals("bluesky:bsky.app:at://" + ALICE + "/app.bsky.feed.post/3lbz4wgxq2c2k", first.id());
        assertEquals("https://bsky.app/profile/alice.example.com/post/3lbz4wgxq2c2k", first.permalink());
        assertEquals("acme cloud is down again 😩\nstatus: https://status.acme.example", first.text());
        assertEquals(new Mention.Author(ALICE, "alice.example.com", "Alice 🌷", 2048L,
                "https://bsky.app/profile/alice.example.com"), first.author());
        assertEquals(new Mention.Engagement(5L, 2L, 1L), first.engagement());
        assertEquals(List.of("https://status.acme.example", "https://status.acme.example/incidents/42"), first.links());
        assertEquals(Instant.parse("2026-11-25T10:15:30.123Z"), first.createdAt());
        assertEquals("en", first.languageHint());
        assertEquals(first.id(), first.conversationId());

        Mention reply = page.mentions().get(1);
        assertEquals("bluesky:bsky.app:at://" + BOB + "/app.bsky.feed.post/3lbroot22aa2x", reply.conversationId(),
                "reply.root is the conversation");
        assertEquals("bluesky:bsky.app:at://" + ALICE + "/app.bsky.feed.post/3lbparent3x2", reply.inReplyTo());
        assertEquals("de", reply.languageHint());
        assertEquals(77L, reply.author().followers());

        platforms.verify(postRequestedFor(urlPathEqualTo(CREATE)).withRequestBody(equalToJson(
                "{\"identifier\": \"" + PlatformWireMock.BLUESKY_IDENTIFIER + "\", \"password\": \""
                        + PlatformWireMock.BLUESKY_APP_PASSWORD + "\"}")));
        platforms.verify(getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("q", equalTo("acme"))
                .withQueryParam("sort", equalTo("latest")).withQueryParam("limit", equalTo("2")));
        platforms.verify(1, getRequestedFor(urlPathEqualTo(PROFILES)).withQueryParam("actors", havingExactly(ALICE, BOB)).withHeader("Authorization", equalTo("Bearer " + access1)));

        fetch(acme, null, null);
        platforms.verify(1, postRequestedFor(urlPathEqualTo(CREATE)));
        platforms.verify(1, getRequestedFor(urlPathEqualTo(PROFILES)));
    }

    @Test
    void laterPollsPageWithTheCursorUntilTheStoredNewestPost() {
        platforms.stubFor(search(access1).withQueryParam("cursor", absent())
                .willReturn(json(ListenerTestSupport.resource("bluesky/search-acme-page-1.json"))));
        platforms.stubFor(search(access1).withQueryParam("cursor", equalTo("cGFnZTI="))
                .willReturn(json(ListenerTestSupport.resource("bluesky/search-acme-page-2.json"))));
        String stored = "at://" + ALICE + "/app.bsky.feed.post/3lbz4wgxq2c2k|2026-11-25T10:15:31.004Z";

        FetchedPage first = fetch(acme, stored, null);
        assertNotNull(first.nextPageToken());
        assertNull(first.cursorAfter());
        FetchedPage second = fetch(acme, stored, first.nextPageToken());

        assertNull(second.nextPageToken());
        assertEquals("at://" + ALICE + "/app.bsky.feed.post/3lbz5aaaaaa4k|2026-11-25T10:30:00.500Z", second.cursorAfter());
        assertEquals(List.of("acme two"), second.mentions().stream().map(Mention::text).toList());
    }

    @Test
    void anExpiredAccessTokenIsRefreshedAndALostRefreshTokenLogsInAgain() {
        platforms.stubFor(search(access1).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"ExpiredToken\", \"message\": \"Token has expired\"}")));
        platforms.stubFor(post(urlPathEqualTo(REFRESH)).withHeader("Authorization", equalTo("Bearer " + refresh1))
                .willReturn(json(ListenerTestSupport.resource("bluesky/session-2.json"))));
        platforms.stubFor(search(access2).willReturn(json(ListenerTestSupport.resource("bluesky/search-acme-newest.json"))));

        assertEquals(2, fetch(acme, null, null).mentions().size());
        platforms.verify(1, postRequestedFor(urlPathEqualTo(REFRESH)));
        platforms.verify(1, postRequestedFor(urlPathEqualTo(CREATE)));

        // the refresh token is no good either: a new session
        platforms.stubFor(search(access2).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\": \"ExpiredToken\", \"message\": \"Token has expired\"}")));
        platforms.stubFor(post(urlPathEqualTo(REFRESH)).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\": \"ExpiredToken\", \"message\": \"Token has been revoked\"}")));
        platforms.stubFor(post(urlPathEqualTo(CREATE)).willReturn(json(ListenerTestSupport.resource("bluesky/session-3.json"))));
        platforms.stubFor(search(access3).willReturn(json(ListenerTestSupport.resource("bluesky/search-acme-newest.json"))));
        assertEquals(2, fetch(acme, null, null).mentions().size());
        platforms.verify(2, postRequestedFor(urlPathEqualTo(REFRESH)));
        platforms.verify(2, postRequestedFor(urlPathEqualTo(CREATE)));
    }

    @Test
    void wrongCredentialsAreAccessDenied() {
        platforms.stubFor(post(urlPathEqualTo(CREATE)).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"AuthenticationRequired\", \"message\": \"Invalid identifier or password\"}")));
        SourceException.AccessDenied denied = assertInstanceOf(SourceException.AccessDenied.class, failure(acme));
        assertTrue(denied.getMessage().contains("AuthenticationRequired"), denied.getMessage());
    }

    @Test
    void malformedPostsAreRejectedAndTheRestOfThePageGoesOn() {
        platforms.stubFor(search(access1).willReturn(json(ListenerTestSupport.resource("bluesky/search-acme-malformed-posts.json"))));

        FetchedPage page = fetch(acme, null, null);

        assertEquals(List.of("acme good", "acme good too"), page.mentions().stream().map(Mention::text).toList());
        Mention invalidHandle = page.mentions().get(1);
        assertEquals(BOB, invalidHandle.author().handle(), "handle.invalid falls back to the DID");
        assertEquals("https://bsky.app/profile/" + BOB + "/post/3lbz6good002k", invalidHandle.permalink());
        String reasons = page.rejected().stream().map(FetchedPage.RejectedPost::reason).toList().toString();
        assertEquals(4, page.rejected().size(), reasons);
        assertTrue(reasons.contains("createdAt") && reasons.contains("not the AT URI of a post")
                && reasons.contains("'record'") && reasons.contains("'author'"), reasons);
    }

    @Test
    void aPostIndexedAheadOfTheClockNeverBecomesTheCursor() {
        // an AppView answer with one post whose indexedAt is far ahead: it sorts first on every later page
        Instant now = Instant.now();
        String page = ListenerTestSupport.resource("bluesky/search-acme-indexed-ahead.json")
                .replace("{recent}", now.minusSeconds(60).toString())
                .replace("{older}", now.minusSeconds(120).toString());
        String withoutNew = page.replaceFirst("(?s)\\{\\s*\"uri\": \"at://[^\"]*/3lcnew0000a2k.*?\\n  \\},\\n", "");
        platforms.stubFor(search(access1).withQueryParam("cursor", absent()).willReturn(json(withoutNew)));
        String stored = "at://" + BOB + "/app.bsky.feed.post/3lbz59999993k|" + now.minusSeconds(600);

        FetchedPage first = fetch(acme, stored, null);

        assertEquals(List.of("quoting this: acme pricing change", "is acme down for anyone else?"),
                first.mentions().stream().map(Mention::text).toList());
        assertEquals("at://" + BOB + "/app.bsky.feed.post/3lcolder0c2k|" + now.minusSeconds(120), first.cursorAfter(),
                "the newest post indexed in the past");

        // a new post arrives; the one indexed ahead still sorts above it
        platforms.stubFor(search(access1).withQueryParam("cursor", absent())
                .willReturn(json(page.replace("{new}", Instant.now().toString()))));

        FetchedPage second = fetch(acme, first.cursorAfter(), null);

        assertTrue(second.mentions().stream().anyMatch(m -> m.text().startsWith("acme is back")),
                "the new post is read: " + second.mentions().stream().map(Mention::text).toList());
        assertEquals(List.of("https://status.acme.example/incidents/43"), second.mentions().get(0).links());
    }

    @Test
    void anUnreadableNewestPostIsDeadLetteredOnceNotOnEveryPoll() {
        Instant now = Instant.now();
        // the newest post's record lost its createdAt (a client that wrote none)
        String page = ListenerTestSupport.resource("bluesky/search-acme-indexed-ahead.json")
                .replace("\"createdAt\": \"{new}\",", "")
                .replace("{new}", now.minusSeconds(30).toString())
                .replace("2099-01-01T00:00:00.000Z", now.minusSeconds(60).toString())
                .replace("{recent}", now.minusSeconds(60).toString())
                .replace("{older}", now.minusSeconds(120).toString());
        platforms.stubFor(search(access1).withQueryParam("cursor", absent()).willReturn(json(page)));
        String stored = "at://" + BOB + "/app.bsky.feed.post/3lbz59999993k|" + now.minusSeconds(600);

        FetchedPage first = fetch(acme, stored, null);

        assertEquals(1, first.rejected().size());
        assertTrue(first.rejected().get(0).reason().contains("createdAt"), first.rejected().get(0).reason());
        assertEquals(2, first.mentions().size());
        assertEquals("at://" + ALICE + "/app.bsky.feed.post/3lcnew0000a2k|" + now.minusSeconds(30), first.cursorAfter());

        FetchedPage second = fetch(acme, first.cursorAfter(), null);

        assertEquals(List.of(), second.rejected(), "read once, dead-lettered once");
        assertEquals(List.of(), second.mentions());
    }

    @Test
    void errorsMapToSourceExceptions() {
        platforms.stubFor(search(access1).willReturn(aResponse().withStatus(429).withHeader("ratelimit-remaining", "0")
                .withHeader("ratelimit-reset", String.valueOf(Instant.now().plusSeconds(90).getEpochSecond()))
                .withBody("{\"error\": \"RateLimitExceeded\", \"message\": \"Rate Limit Exceeded\"}")));
        Duration wait = assertInstanceOf(SourceException.RateLimited.class, failure(acme)).retryAfter();
        assertTrue(wait.toSeconds() > 80 && wait.toSeconds() <= 90, wait.toString());

        platforms.stubFor(search(access1).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12")));
        assertEquals(Duration.ofSeconds(12), assertInstanceOf(SourceException.RateLimited.class, failure(acme)).retryAfter());

        platforms.stubFor(search(access1).willReturn(aResponse().withStatus(502)));
        assertEquals(502, assertInstanceOf(SourceException.Upstream.class, failure(acme)).status());

        platforms.stubFor(search(access1).willReturn(json("{\"posts\": []}").withFixedDelay(6_000)));
        assertEquals(0, assertInstanceOf(SourceException.Upstream.class, failure(acme)).status());

        platforms.stubFor(search(access1).willReturn(json("{\"posts\": [{\"uri\": ")));
        assertInstanceOf(SourceException.InvalidPage.class, failure(acme));

        platforms.stubFor(search(access1).willReturn(json("{\"cursor\": \"x\"}")));
        assertInstanceOf(SourceException.InvalidPage.class, failure(acme));
    }

    @Test
    void controlCharactersInHandlesNamesAndTextNeverReachTheMention() {
        String body = ControlCharacters.poison(ListenerTestSupport.resource("bluesky/search-acme-newest.json"),
                "alice.example.com")
                .replace("\"Alice \\ud83c\\udf37\"", "\"Al\\u0000ice\\u0085 \\ud83c\\udf37\"")
                .replace("acme cloud is down", "acme\\u0000 cloud is\\u0007 down");
        platforms.stubFor(search(access1).withQueryParam("cursor", absent()).willReturn(json(body)));

        FetchedPage page = fetch(acme, null, null);

        assertEquals(List.of(), page.rejected());
        page.mentions().forEach(ControlCharacters::assertClean);
        Mention first = page.mentions().get(0);
        assertEquals(ControlCharacters.cleaned("alice.example.com"), first.author().handle());
        assertEquals("Alice \uD83C\uDF37", first.author().displayName());
        assertEquals("acme cloud is down again \uD83D\uDE29\nstatus: https://status.acme.example", first.text());
    }

    @Test
    void oneSearchFeedPerDistinctTerm() {
        List<Feed> feeds = bluesky.feeds(List.of(new Rule("a", "\"acme cloud\" OR #acme"), new Rule("b", "acme -job")));

        assertEquals(List.of("bluesky:bsky.app:search:\"acme cloud\"", "bluesky:bsky.app:search:acme"),
                feeds.stream().map(Feed::key).toList());
        assertEquals(List.of("a", "b"), feeds.get(1).ruleIds());
    }

    private static MappingBuilder search(String access) {
        return get(urlPathEqualTo(SEARCH)).withHeader("Authorization", equalTo("Bearer " + access));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    private FetchedPage fetch(Feed feed, String cursor, String token) {
        return bluesky.fetch(feed, cursor, token).await().atMost(Duration.ofSeconds(20));
    }

    private Throwable failure(Feed feed) {
        return assertThrows(SourceException.class, () -> fetch(feed, null, null));
    }
}
