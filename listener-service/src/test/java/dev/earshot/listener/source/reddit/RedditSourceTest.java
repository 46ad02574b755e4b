package dev.earshot.listener.source.reddit;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

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
class RedditSourceTest {

    static final String TOKEN_PATH = PlatformWireMock.REDDIT_AUTH_PREFIX + "/api/v1/access_token";
    static final String SEARCH_PATH = PlatformWireMock.REDDIT_API_PREFIX + "/search";
    static final String COMMENTS_PATH = PlatformWireMock.REDDIT_API_PREFIX + "/r/acme/comments";
    static final String TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6IlNIQTI1NjpzS3dsMnlsV0VtMjVmcXhwTU40cWY4MXE2OWFFdWFyMnpLMUdhVGxjdWNZIiwidHlwIjoiSldUIn0.reddit-test-token-1";
    static final String USER_AGENT = "server:dev.earshot.listener:0.1.0 (by /u/earshot_test)";

    @InjectPlatforms
    WireMockServer platforms;

    @Inject
    RedditSource reddit;

    @Inject
    RedditTokens tokens;

    final Feed search = new Feed("reddit", "reddit.com", "reddit:reddit.com:search:acme", "acme", List.of("acme"),
            Map.of("path", "/search"));
    final Feed comments = new Feed("reddit", "reddit.com", "reddit:reddit.com:r/acme/comments", "r/acme",
            List.of("acme"), Map.of("path", "/r/acme/comments"));

    @BeforeEach
    void reset() {
        platforms.resetAll();
        tokens.forget();
        platforms.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(json(ListenerTestSupport.resource("reddit/token.json"))));
    }

    @Test
    void firstPollSearchesWithTheAppTokenAndMapsLinks() {
        platforms.stubFor(api(SEARCH_PATH).withQueryParam("q", equalTo("acme")).withQueryParam("after", absent())
                .willReturn(json(ListenerTestSupport.resource("reddit/search-acme-newest.json"))
                        .withHeader("X-Ratelimit-Used", "12").withHeader("X-Ratelimit-Remaining", "588.0")
                        .withHeader("X-Ratelimit-Reset", "420")));

        Instant before = Instant.now();
        FetchedPage page = fetch(search, null, null);

        assertNull(page.nextPageToken(), "a first poll reads one page");
        assertEquals("t3_1h2k9xz|1764065730", page.cursorAfter());
        assertEquals(600L, page.rateLimit().limit());
        assertEquals(588L, page.rateLimit().remaining());
        assertTrue(!page.rateLimit().resetAt().isBefore(before.plusSeconds(419)), "reset is seconds from now");

        Mention self = page.mentions().get(0);
        assertEquals("reddit:reddit.com:t3_1h2k9xz", self.id());
        assertEquals(self.id(), self.conversationId());
        assertNull(self.inReplyTo());
        assertEquals("Acme Cloud outage?", self.title());
        assertEquals("Is Acme Cloud down for anyone else? Dashboard says \"all good\". See the status page.", self.text());
        assertEquals(List.of("https://status.acme.example/"), self.links());
        assertEquals("https://www.reddit.com/r/acme/comments/1h2k9xz/acme_cloud_outage/", self.permalink());
        assertEquals(new Mention.Author("t2_acme_f", "acme_fan", null, null, "https://www.reddit.com/user/acme_fan"),
                self.author());
        assertEquals(Instant.ofEpochSecond(1764065730L), self.createdAt());
        assertEquals(Instant.ofEpochSecond(1764065900L), self.editedAt());
        assertEquals(new Mention.Engagement(42L, 7L, null), self.engagement());

        Mention outbound = page.mentions().get(1);
        assertEquals(List.of("https://acme.example/blog/release-4-2"), outbound.links(), "a link post shares its URL");
        assertEquals("", outbound.text());
        assertNull(outbound.editedAt());
        assertNull(outbound.author().profileUrl(), "a deleted author has no profile");

        String basic = Base64.getEncoder().encodeToString((PlatformWireMock.REDDIT_CLIENT_ID + ":"
                + PlatformWireMock.REDDIT_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        platforms.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)).withHeader("Authorization", equalTo("Basic " + basic))
                .withHeader("User-Agent", equalTo(USER_AGENT)).withRequestBody(equalTo("grant_type=client_credentials")));
        platforms.verify(getRequestedFor(urlPathEqualTo(SEARCH_PATH)).withQueryParam("sort", equalTo("new"))
                .withQueryParam("type", equalTo("link")).withQueryParam("raw_json", equalTo("1"))
                .withQueryParam("limit", equalTo("2")).withHeader("User-Agent", equalTo(USER_AGENT)));

        fetch(search, null, null);
        platforms.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void controlCharactersInTitlesAuthorsAndTextNeverReachTheMention() {
        String body = ControlCharacters.poison(ListenerTestSupport.resource("reddit/search-acme-newest.json"),
                "Acme Cloud outage?", "acme_fan")
                .replace("Dashboard says", "Dashboard\\u0000 says&#1;\\u0080");
        platforms.stubFor(api(SEARCH_PATH).withQueryParam("q", equalTo("acme")).withQueryParam("after", absent())
                .willReturn(json(body)));

        FetchedPage page = fetch(search, null, null);

        assertEquals(List.of(), page.rejected());
        page.mentions().forEach(ControlCharacters::assertClean);
        Mention self = page.mentions().get(0);
        assertEquals(ControlCharacters.cleaned("Acme Cloud outage?"), self.title());
        assertEquals(ControlCharacters.cleaned("acme_fan"), self.author().handle());
        assertEquals("Is Acme Cloud down for anyone else? Dashboard says \"all good\". See the status page.", self.text());
    }

    @Test
    void laterPollsPageBackUntilTheStoredNewestAndCommitOnlyAtTheEnd() {
        platforms.stubFor(api(SEARCH_PATH).withQueryParam("after", absent())
                .willReturn(json(ListenerTestSupport.resource("reddit/search-acme-page-1.json"))));
        platforms.stubFor(api(SEARCH_PATH).withQueryParam("after", equalTo("t3_1h2kp55"))
                .willReturn(json(ListenerTestSupport.resource("reddit/search-acme-page-2.json"))));

        FetchedPage first = fetch(search, "t3_1h2k9xz|1764065730", null);
        assertNotNull(first.nextPageToken());
        assertNull(first.cursorAfter(), "nothing is committed before the gap is read");
        FetchedPage second = fetch(search, "t3_1h2k9xz|1764065730", first.nextPageToken());

        assertNull(second.nextPageToken());
        assertEquals("t3_1h2kq01|1764066600", second.cursorAfter());
        assertEquals(List.of("t3_1h2kq01", "t3_1h2kp55"), first.mentions().stream().map(Mention::nativeId).toList());
        assertEquals(List.of("t3_1h2km10"), second.mentions().stream().map(Mention::nativeId).toList(),
                "the stored newest item and everything older are not read again");
    }

    @Test
    void commentsCarryTheirLinkAsConversationAndTheirParent() {
        platforms.stubFor(api(COMMENTS_PATH).willReturn(json(ListenerTestSupport.resource("reddit/r-acme-comments.json"))));

        FetchedPage page = fetch(comments, null, null);

        Mention reply = page.mentions().get(0);
        assertEquals("reddit:reddit.com:t1_lz8abcd", reply.id());
        assertEquals("reddit:reddit.com:t3_1h2k9xz", reply.conversationId());
        assertEquals("reddit:reddit.com:t1_lz89999", reply.inReplyTo());
        assertNull(reply.title());
        assertEquals("Yes, since nine. Ticket #4411 & nothing. support", reply.text());
        assertEquals(List.of("https://acme.example/support"), reply.links());
        assertEquals(Instant.parse("2025-11-25T10:17:30.500Z"), reply.editedAt());
        assertEquals(new Mention.Engagement(3L, null, null), reply.engagement());
        assertEquals("https://www.reddit.com/r/acme/comments/1h2k9xz/acme_cloud_outage/lz8abcd/", reply.permalink());
        assertEquals("reddit:reddit.com:t3_1h2k9xz", page.mentions().get(1).inReplyTo(), "a top-level comment answers the link");
    }

    @Test
    void malformedItemsAreRejectedAndTheRestOfThePageGoesOn() {
        platforms.stubFor(api(COMMENTS_PATH).willReturn(json(ListenerTestSupport.resource("reddit/r-acme-comments-malformed.json"))));

        FetchedPage page = fetch(comments, null, null);

        assertEquals(List.of("t1_lz8good"), page.mentions().stream().map(Mention::nativeId).toList());
        assertEquals(5, page.rejected().size());
        String reasons = page.rejected().stream().map(FetchedPage.RejectedPost::reason).toList().toString();
        assertTrue(reasons.contains("created_utc") && reasons.contains("absurd") && reasons.contains("link_id")
                && reasons.contains("does not match kind"), reasons);
        assertEquals("t1_lz8good|1764065800", page.cursorAfter());
    }

    @Test
    void anUnreadableNewestItemIsDeadLetteredOnceNotOnEveryPoll() {
        long now = Instant.now().getEpochSecond();
        platforms.stubFor(api(SEARCH_PATH).willReturn(json(removedAndBroken(now))));
        String stored = "t3_1h2kq01|" + (now - 3600);

        FetchedPage first = fetch(search, stored, null);

        assertEquals(List.of("t3_1h3ab71", "t3_1h3ab55"), first.mentions().stream().map(Mention::nativeId).toList());
        assertEquals(1, first.rejected().size());
        assertTrue(first.rejected().get(0).reason().contains("title"), first.rejected().get(0).reason());
        assertEquals("t3_1h3ab90|" + (now - 60), first.cursorAfter(), "the cursor passes the unreadable item too");

        FetchedPage second = fetch(search, first.cursorAfter(), null);

        assertEquals(List.of(), second.rejected(), "read once, dead-lettered once");
        assertEquals(List.of(), second.mentions());
    }

    @Test
    void anItemDatedAheadOfTheClockNeverBecomesTheCursor() {
        long now = Instant.now().getEpochSecond();
        String body = removedAndBroken(now).replace("\"created_utc\": " + (now - 120) + ".0",
                "\"created_utc\": " + (now + 20 * 3600) + ".0");
        platforms.stubFor(api(SEARCH_PATH).willReturn(json(body)));

        FetchedPage page = fetch(search, "t3_1h2kq01|" + (now - 3600), null);

        assertEquals(List.of("t3_1h3ab71", "t3_1h3ab55"), page.mentions().stream().map(Mention::nativeId).toList());
        assertEquals("t3_1h3ab90|" + (now - 60), page.cursorAfter(),
                "as the cursor it would stop every later poll before the items posted meanwhile");
    }

    @Test
    void aRemovedPostKeepsItsTitleButNotRedditsPlaceholderAsText() {
        long now = Instant.now().getEpochSecond();
        platforms.stubFor(api(SEARCH_PATH).willReturn(json(removedAndBroken(now))));

        List<Mention> mentions = fetch(search, null, null).mentions();

        Mention removed = mentions.get(0);
        assertEquals("Acme Cloud billing charged me twice & support won't answer", removed.title());
        assertEquals("", removed.text(), "[removed] is Reddit's placeholder, not what the author wrote");
        assertEquals(Instant.parse("1970-01-01T00:00:00Z").plusMillis(1764070000250L), removed.editedAt());
        Mention crosspost = mentions.get(1);
        assertEquals("Acme Cloud status page says all green <3", crosspost.title());
        assertEquals("[deleted]", crosspost.author().handle());
        assertNull(crosspost.author().id());
        assertEquals(Instant.ofEpochMilli((now - 180) * 1000 + 500), crosspost.createdAt());
    }

    /** A search page, newest first: a post without a title (a minute old), a removed post, a crosspost by a deleted account. */
    private static String removedAndBroken(long now) {
        return ListenerTestSupport.resource("reddit/search-acme-removed-and-broken.json")
                .replace("{created_broken}", (now - 60) + ".0").replace("{created_removed}", (now - 120) + ".0")
                .replace("{created_deleted}", (now - 180) + ".5");
    }

    @Test
    void anExpiredTokenIsRenewedOnceThenAccessIsDenied() {
        platforms.stubFor(api(COMMENTS_PATH).inScenario("expiry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401).withBody("{\"message\": \"Unauthorized\", \"error\": 401}"))
                .willSetStateTo("renewed"));
        platforms.stubFor(api(COMMENTS_PATH).inScenario("expiry").whenScenarioStateIs("renewed")
                .willReturn(json(ListenerTestSupport.resource("reddit/r-acme-comments.json"))));

        assertEquals(2, fetch(comments, null, null).mentions().size());
        platforms.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));

        platforms.stubFor(api(COMMENTS_PATH).willReturn(aResponse().withStatus(401)));
        assertInstanceOf(SourceException.AccessDenied.class, failure(comments));

        platforms.stubFor(api(COMMENTS_PATH).willReturn(aResponse().withStatus(403)
                .withBody("{\"reason\": \"private\", \"message\": \"Forbidden\", \"error\": 403}")));
        assertInstanceOf(SourceException.AccessDenied.class, failure(comments));

        tokens.forget();
        platforms.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\": \"Unauthorized\", \"error\": 401}")));
        assertInstanceOf(SourceException.AccessDenied.class, failure(comments), "wrong client credentials");
    }

    @Test
    void errorsMapToSourceExceptions() {
        platforms.stubFor(api(SEARCH_PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "17")));
        assertEquals(Duration.ofSeconds(17),
                assertInstanceOf(SourceException.RateLimited.class, failure(search)).retryAfter());

        platforms.stubFor(api(SEARCH_PATH).willReturn(aResponse().withStatus(429).withHeader("X-Ratelimit-Remaining", "0")
                .withHeader("X-Ratelimit-Reset", "95")));
        assertEquals(Duration.ofSeconds(95),
                assertInstanceOf(SourceException.RateLimited.class, failure(search)).retryAfter());

        platforms.stubFor(api(SEARCH_PATH).willReturn(aResponse().withStatus(502).withBody("<html>bad gateway</html>")));
        assertEquals(502, assertInstanceOf(SourceException.Upstream.class, failure(search)).status());

        platforms.stubFor(api(SEARCH_PATH).willReturn(json("{}").withFixedDelay(6_000)));
        assertEquals(0, assertInstanceOf(SourceException.Upstream.class, failure(search)).status());

        platforms.stubFor(api(SEARCH_PATH).willReturn(json("{\"kind\": \"Listing\", \"data\": {\"children\": [")));
        assertInstanceOf(SourceException.InvalidPage.class, failure(search));

        platforms.stubFor(api(SEARCH_PATH).willReturn(json("{\"kind\": \"t3\", \"data\": {}}")));
        assertInstanceOf(SourceException.InvalidPage.class, failure(search));
    }

    @Test
    void feedsSearchEachRulesTermsAndReadConfiguredSubreddits() {
        List<Feed> feeds = reddit.feeds(List.of(new Rule("cloud", "\"acme cloud\" OR acmecloud -job"),
                new Rule("same", "acmecloud OR \"acme cloud\"")));

        assertEquals(List.of("reddit:reddit.com:search:\"acme cloud\" OR acmecloud",
                "reddit:reddit.com:r/acme/new", "reddit:reddit.com:r/acme/comments",
                "reddit:reddit.com:r/acmecloud/new", "reddit:reddit.com:r/acmecloud/comments"),
                feeds.stream().map(Feed::key).toList());
    }

    private static MappingBuilder api(String path) {
        return get(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + TOKEN));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
    }

    private FetchedPage fetch(Feed feed, String cursor, String token) {
        return reddit.fetch(feed, cursor, token).await().atMost(Duration.ofSeconds(20));
    }

    private Throwable failure(Feed feed) {
        return assertThrows(SourceException.class, () -> fetch(feed, null, null));
    }
}
