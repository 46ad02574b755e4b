package dev.earshot.listener.source.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
class MastodonSourceTest {

    static final String TAG_PATH = PlatformWireMock.MASTODON_PREFIX + "/api/v1/timelines/tag/acme";

    @InjectPlatforms
    WireMockServer platforms;

    @Inject
    MastodonSource mastodon;

    final Feed acme = new Feed("mastodon", PlatformWireMock.MASTODON, "mastodon:mastodon.example:tag:acme", "#acme",
            List.of("acme"), Map.of("kind", "tag", "tag", "acme", "any", "", "none", ""));

    @BeforeEach
    void reset() {
        platforms.resetAll();
        mastodon.forgetThreadRoots();
    }

    @Test
    void firstPollReadsTheNewestPageAndMapsBoostsRepliesAndEdits() {
        platforms.stubFor(tag().withQueryParam("min_id", absent())
                .willReturn(json(ListenerTestSupport.resource("mastodon/tag-acme-newest.json"))
                        .withHeader("X-RateLimit-Limit", "300").withHeader("X-RateLimit-Remaining", "297")
                        .withHeader("X-RateLimit-Reset", "2026-11-25T10:20:00.000Z")
                        .withHeader("Link", "<https://mastodon.example/api/v1/timelines/tag/acme?max_id=113571234567890123>; rel=\"next\", "
                                + "<https://mastodon.example/api/v1/timelines/tag/acme?min_id=113571234567890125>; rel=\"prev\"")));
        platforms.stubFor(get(urlPathEqualTo(PlatformWireMock.MASTODON_PREFIX + "/api/v1/statuses/113571234567890124/context"))
                .willReturn(json(ListenerTestSupport.resource("mastodon/context-113571234567890124.json"))));

        FetchedPage page = fetch(acme, null, null);

        assertEquals("113571234567890125", page.cursorAfter(), "the newest timeline id, the boost's own");
        assertNull(page.nextPageToken(), "a first poll reads one page");
        assertEquals(new FetchedPage.RateLimit(300L, 297L, Instant.parse("2026-11-25T10:20:00Z")), page.rateLimit());
        assertEquals(List.of(), page.rejected());
        assertEquals(3, page.mentions().size());

        Mention boost = page.mentions().get(0);
        assertEquals("mastodon:mastodon.example:113571200000000001", boost.id(), "a boost is the original post");
        assertEquals(boost.id(), boost.conversationId());
        assertEquals(new Mention.Author("109876543210987654", "bob@fosstodon.example", "Bob :verified:", 1520L,
                "https://fosstodon.example/@bob"), boost.author());
        assertEquals("The new #Acme release notes are out: https://acme.example/blog/release-4-2?utm_source=mastodon",
                boost.text());
        assertEquals(List.of("https://acme.example/blog/release-4-2?utm_source=mastodon",
                "https://acme.example/blog/release-4-2"), boost.links(), "content links and the card, no hashtag links");
        assertEquals("https://fosstodon.example/@bob/113571187654321000", boost.permalink());
        assertEquals(Instant.parse("2026-11-25T09:58:02Z"), boost.createdAt());
        assertEquals(Instant.parse("2026-11-25T10:01:44Z"), boost.editedAt());
        assertEquals("en", boost.languageHint());
        assertEquals(new Mention.Engagement(31L, 4L, 12L), boost.engagement());
        assertNull(boost.title());

        Mention reply = page.mentions().get(1);
        assertEquals("mastodon:mastodon.example:113571234567890124", reply.id());
        assertEquals("outage talk", reply.title(), "spoiler text is the title");
        assertEquals("@carol same here, #acme has been down for an hour & support is silent\n"
                + "Status page: https://status.acme.example/", reply.text());
        assertEquals(List.of("https://status.acme.example/"), reply.links());
        assertEquals("mastodon:mastodon.example:113571234567890100", reply.inReplyTo());
        assertEquals("mastodon:mastodon.example:113571234567890001", reply.conversationId(),
                "the thread root from the context endpoint");
        assertEquals("alice@mastodon.example", reply.author().handle());

        Mention plain = page.mentions().get(2);
        assertNull(plain.author().displayName(), "a blank display name is null");
        assertNull(plain.editedAt());

        platforms.verify(getRequestedFor(urlPathEqualTo(TAG_PATH)).withQueryParam("limit", equalTo("3"))
                .withHeader("Authorization", equalTo("Bearer " + PlatformWireMock.MASTODON_TOKEN)));

        fetch(acme, null, null);
        platforms.verify(1, getRequestedFor(urlPathEqualTo(
                PlatformWireMock.MASTODON_PREFIX + "/api/v1/statuses/113571234567890124/context")));
    }

    @Test
    void controlCharactersInSpoilerTextNamesAndContentNeverReachTheMention() {
        String body = ControlCharacters.poison(ListenerTestSupport.resource("mastodon/tag-acme-newest.json"),
                "outage talk", "Bob :verified:", "alice", "en")
                .replace("has been down", "has been\\u0000&#1; down\\u001b");
        platforms.stubFor(tag().withQueryParam("min_id", absent()).willReturn(json(body)));
        platforms.stubFor(get(urlPathEqualTo(PlatformWireMock.MASTODON_PREFIX + "/api/v1/statuses/113571234567890124/context"))
                .willReturn(json(ListenerTestSupport.resource("mastodon/context-113571234567890124.json"))));

        FetchedPage page = fetch(acme, null, null);

        assertEquals(List.of(), page.rejected());
        assertEquals(3, page.mentions().size());
        page.mentions().forEach(ControlCharacters::assertClean);
        assertEquals(ControlCharacters.cleaned("Bob :verified:"), page.mentions().get(0).author().displayName());
        Mention reply = page.mentions().get(1);
        assertEquals(ControlCharacters.cleaned("outage talk"), reply.title(), "spoiler text is the title");
        assertEquals(ControlCharacters.cleaned("alice") + "@mastodon.example", reply.author().handle());
        assertEquals("@carol same here, #acme has been down for an hour & support is silent\n"
                + "Status page: https://status.acme.example/", reply.text());
        assertEquals(ControlCharacters.cleaned("en"), page.mentions().get(0).languageHint());
    }

    @Test
    void laterPollsPageForwardWithMinIdUntilNothingNewer() {
        platforms.stubFor(tag().withQueryParam("min_id", equalTo("113571234567890125"))
                .willReturn(json(ListenerTestSupport.resource("mastodon/tag-acme-forward-1.json"))
                        .withHeader("Link", "<https://mastodon.example/api/v1/timelines/tag/acme?max_id=113571234567890126>; rel=\"next\", "
                                + "<https://mastodon.example/api/v1/timelines/tag/acme?min_id=113571234567890128>; rel=\"prev\"")));
        platforms.stubFor(tag().withQueryParam("min_id", equalTo("113571234567890128"))
                .willReturn(json(ListenerTestSupport.resource("mastodon/tag-acme-forward-2.json"))));

        List<FetchedPage> pages = fetchAll(acme, "113571234567890125");

        assertEquals(2, pages.size());
        assertEquals("113571234567890128", pages.get(0).cursorAfter(), "each page can be committed on its own");
        assertEquals("113571234567890129", pages.get(1).cursorAfter());
        List<String> ids = pages.stream().flatMap(p -> p.mentions().stream()).map(Mention::nativeId).sorted().toList();
        assertEquals(List.of("113571234567890126", "113571234567890127", "113571234567890128", "113571234567890129"), ids);
    }

    @Test
    void nothingNewKeepsTheCursor() {
        platforms.stubFor(tag().withQueryParam("min_id", equalTo("113571234567890129")).willReturn(json("[]")));

        FetchedPage page = fetch(acme, "113571234567890129", null);

        assertEquals(List.of(), page.mentions());
        assertEquals("113571234567890129", page.cursorAfter());
        assertNull(page.nextPageToken());
    }

    @Test
    void idsCompareAsNumbersOfAnyLength() {
        assertEquals("100", MastodonIds.newer("99", "100"));
        assertEquals("113571234567890129", MastodonIds.newer("113571234567890129", "113571234567890128"));
        assertEquals("7", MastodonIds.newer(null, "7"));
    }

    @Test
    void malformedStatusesAreRejectedAndTheRestOfThePageGoesOn() {
        platforms.stubFor(tag().willReturn(json(ListenerTestSupport.resource("mastodon/tag-acme-malformed-posts.json"))));

        FetchedPage page = fetch(acme, null, null);

        assertEquals(List.of("113571234567890125", "113571234567890131"),
                page.mentions().stream().map(Mention::nativeId).sorted().toList());
        assertEquals(4, page.rejected().size());
        List<String> reasons = page.rejected().stream().map(FetchedPage.RejectedPost::reason).toList();
        assertTrue(reasons.stream().anyMatch(r -> r.contains("created_at") && r.contains("ISO-8601")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("absurd")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("account")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("without an id")), reasons.toString());
        assertTrue(page.rejected().get(0).raw().contains("113571234567890130") || page.rejected().stream()
                .anyMatch(r -> r.raw().contains("not a date")));
        assertEquals("113571234567890131", page.cursorAfter());
    }

    @Test
    void errorsMapToSourceExceptions() {
        platforms.stubFor(tag().willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"The access token is invalid\"}")));
        assertInstanceOf(SourceException.AccessDenied.class, failure(acme));

        platforms.stubFor(tag().willReturn(aResponse().withStatus(422)
                .withBody("{\"error\":\"This method requires an authenticated user\"}")));
        assertInstanceOf(SourceException.AccessDenied.class, failure(acme));

        platforms.stubFor(tag().willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withBody("{\"error\":\"Too many requests\"}")));
        SourceException.RateLimited limited = assertInstanceOf(SourceException.RateLimited.class, failure(acme));
        assertEquals(Duration.ofSeconds(30), limited.retryAfter());

        Instant reset = Instant.now().plusSeconds(120);
        platforms.stubFor(tag().willReturn(aResponse().withStatus(429).withHeader("X-RateLimit-Reset", reset.toString())));
        limited = assertInstanceOf(SourceException.RateLimited.class, failure(acme));
        assertTrue(limited.retryAfter().toSeconds() > 100 && limited.retryAfter().toSeconds() <= 120,
                "waits until the reset time: " + limited.retryAfter());

        platforms.stubFor(tag().willReturn(aResponse().withStatus(503).withBody("<html>maintenance</html>")));
        assertEquals(503, assertInstanceOf(SourceException.Upstream.class, failure(acme)).status());

        platforms.stubFor(tag().willReturn(json("[]").withFixedDelay(6_000)));
        assertEquals(0, assertInstanceOf(SourceException.Upstream.class, failure(acme)).status(), "a timeout");

        platforms.stubFor(tag().willReturn(json("[{\"id\": \"1\", \"content\": ")));
        assertInstanceOf(SourceException.InvalidPage.class, failure(acme));

        platforms.stubFor(tag().willReturn(json("{\"error\": \"Record not found\"}")));
        assertInstanceOf(SourceException.InvalidPage.class, failure(acme));

        platforms.stubFor(tag().willReturn(json("[\"" + "x".repeat(70_000) + "\"]")));
        assertInstanceOf(SourceException.InvalidPage.class, failure(acme), "a body over the size limit");
    }

    @Test
    void anEmptyPublicTimelineOfARestrictedInstanceIsReportedAsAccessDenied() {
        Feed restricted = mastodon.feeds(List.of(new Rule("acme", "#acme"))).stream()
                .filter(f -> f.instance().equals(PlatformWireMock.MASTODON_RESTRICTED) && f.key().endsWith(":public"))
                .findFirst().orElseThrow();
        platforms.stubFor(get(urlPathEqualTo(PlatformWireMock.RESTRICTED_PREFIX + "/api/v1/timelines/public"))
                .willReturn(json("[]")));

        SourceException.AccessDenied denied = assertInstanceOf(SourceException.AccessDenied.class, failure(restricted));
        assertTrue(denied.getMessage().contains("restricted.example"), denied.getMessage());
        platforms.verify(getRequestedFor(urlPathEqualTo(PlatformWireMock.RESTRICTED_PREFIX + "/api/v1/timelines/public"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void feedsAreHashtagTimelinesPerInstanceWithAnyAndNone() {
        List<Feed> feeds = mastodon.feeds(List.of(
                new Rule("launch", "(#acme OR #acmecloud) -#ad"),
                new Rule("outage", "outage AND \"acme cloud\""),
                new Rule("same-tags", "(#AcmeCloud OR #acme) -#ad")));

        List<String> keys = feeds.stream().filter(f -> f.instance().equals(PlatformWireMock.MASTODON)).map(Feed::key).toList();
        assertEquals(List.of("mastodon:mastodon.example:tag:acme+acmecloud-ad", "mastodon:mastodon.example:tag:outage",
                "mastodon:mastodon.example:public"), keys);
        Feed launch = feeds.get(0);
        assertEquals(List.of("launch", "same-tags"), launch.ruleIds(), "rules with the same tags share a feed");

        platforms.stubFor(get(urlPathEqualTo(PlatformWireMock.MASTODON_PREFIX + "/api/v1/timelines/tag/acme")).willReturn(json("[]")));
        fetch(launch, null, null);
        platforms.verify(getRequestedFor(urlPathEqualTo(PlatformWireMock.MASTODON_PREFIX + "/api/v1/timelines/tag/acme"))
                .withQueryParam("any[]", equalTo("acmecloud")).withQueryParam("none[]", equalTo("ad")));
    }

    @Test
    void aSlowContextEndpointDoesNotHoldUpAPageOfReplies() {
        // a busy hashtag: sixteen replies to different posts; the instance answers /context in three seconds
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            replies.add(ListenerTestSupport.resource("mastodon/reply-template.json")
                    .replace("{id}", String.valueOf(113571300000000016L - i)).replace("{parent}", String.valueOf(113571200000000100L + i))
                    .replace("{minute}", String.format("%02d", 59 - i)));
        }
        platforms.stubFor(tag().withQueryParam("min_id", absent()).willReturn(json("[" + String.join(",", replies) + "]")));
        platforms.stubFor(get(urlMatching(PlatformWireMock.MASTODON_PREFIX + "/api/v1/statuses/[0-9]+/context"))
                .willReturn(json("{\"ancestors\": [], \"descendants\": []}").withFixedDelay(3_000)));

        long start = System.nanoTime();
        FetchedPage page = fetch(acme, null, null);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(took.toSeconds() < 9, "the thread lookups of a page share one timeout (5 s), took " + took);
        assertEquals(16, page.mentions().size());
        assertEquals("113571300000000016", page.cursorAfter());
        Mention first = page.mentions().get(0);
        assertEquals("mastodon:mastodon.example:113571200000000100", first.conversationId(), "without a root, the parent");
        assertEquals("acme outage", first.title());
        assertEquals("@erin still down here :acme_sad: '502' on every deploy\n"
                + "see https://status.acme.example/incidents/113571300000000016 #acme", first.text());
        assertEquals(List.of("https://status.acme.example/incidents/113571300000000016"), first.links());
        assertEquals(new Mention.Author("110000000000000777", "dave@remote.example", "Dave :blobcat:", 12L,
                "https://remote.example/@dave"), first.author());
        assertNull(first.languageHint());
    }

    private MappingBuilder tag() {
        return get(urlPathEqualTo(TAG_PATH));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    private FetchedPage fetch(Feed feed, String cursor, String token) {
        return mastodon.fetch(feed, cursor, token).await().atMost(Duration.ofSeconds(20));
    }

    private List<FetchedPage> fetchAll(Feed feed, String cursor) {
        List<FetchedPage> pages = new ArrayList<>();
        String token = null;
        do {
            FetchedPage page = fetch(feed, cursor, token);
            pages.add(page);
            token = page.nextPageToken();
        } while (token != null && pages.size() < 10);
        return pages;
    }

    private Throwable failure(Feed feed) {
        return assertThrows(SourceException.class, () -> fetch(feed, null, null));
    }
}
