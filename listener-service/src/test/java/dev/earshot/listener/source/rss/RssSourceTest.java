package dev.earshot.listener.source.rss;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

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
class RssSourceTest {

    static final String ETAG = "W/\"5e1f-18c2a9d3f40\"";
    static final String LAST_MODIFIED = "Tue, 25 Nov 2026 09:30:00 GMT";

    @InjectPlatforms
    WireMockServer platforms;

    @Inject
    RssSource rss;

    @Inject
    ObjectMapper json;

    Feed blog;
    Feed news;
    Feed alerts;

    @BeforeEach
    void reset() {
        platforms.resetAll();
        List<Feed> feeds = rss.feeds(List.of(new Rule("acme", "acme")));
        blog = feeds.stream().filter(f -> f.key().endsWith(":acme-blog")).findFirst().orElseThrow();
        news = feeds.stream().filter(f -> f.key().endsWith(":acme-news")).findFirst().orElseThrow();
        alerts = feeds.stream().filter(f -> f.query().endsWith(PlatformWireMock.RSS_ALERTS_PATH)).findFirst().orElseThrow();
    }

    @Test
    void atomEntriesBecomeMentionsAndTheValidatorsTheCursor() throws Exception {
        platforms.stubFor(feed(PlatformWireMock.RSS_BLOG_PATH).willReturn(xml("rss/acme-blog-atom.xml", "application/atom+xml")
                .withHeader("ETag", ETAG).withHeader("Last-Modified", LAST_MODIFIED)));

        FetchedPage page = fetch(blog, null);

        assertEquals(List.of(), page.rejected());
        assertNull(page.nextPageToken());
        assertEquals(3, page.mentions().size(), "a first read with a long look-back takes every entry");
        Mention release = page.mentions().get(0);
        String host = blog.instance();
        assertTrue(host.startsWith("localhost:") || host.startsWith("127.0.0.1:"), host);
        assertEquals("rss:" + host + ":tag:blog.acme.example,2026-11-25:/2026/11/acme-cloud-4-2", release.id());
        assertEquals("Acme Cloud 4.2: faster cold starts", release.title());
        assertEquals("Acme Cloud 4.2 is out. Release notes & permalink.", release.text(), "content, not the summary");
        assertEquals("https://blog.acme.example/2026/11/acme-cloud-4-2", release.permalink());
        assertEquals(List.of("https://docs.acme.example/release-notes/4.2"), release.links(), "without the permalink");
        assertEquals(new Mention.Author("Grace Hopper", "Grace Hopper", "Grace Hopper", null,
                "https://blog.acme.example/authors/grace"), release.author());
        assertEquals(Instant.parse("2026-11-25T09:00:00Z"), release.createdAt());
        assertEquals(Instant.parse("2026-11-25T09:30:00Z"), release.editedAt());
        assertEquals(release.id(), release.conversationId());

        Mention postmortem = page.mentions().get(1);
        assertEquals(Instant.parse("2026-11-24T18:00:00Z"), postmortem.createdAt(), "updated when not published");
        assertEquals("What went wrong with Acme Cloud storage and what we changed.", postmortem.text());

        FeedCursor cursor = json.readValue(page.cursorAfter(), FeedCursor.class);
        // the server may mark the validator of its gzipped representation (Jetty adds "--gzip")
        assertTrue(cursor.etag().startsWith("W/\"5e1f-18c2a9d3f40"), cursor.etag());
        assertEquals(LAST_MODIFIED, cursor.lastModified());
        assertEquals(Instant.parse("2026-11-25T09:00:00Z"), cursor.newest());
        platforms.verify(getRequestedFor(urlPathEqualTo(PlatformWireMock.RSS_BLOG_PATH))
                .withHeader("If-None-Match", absent()));
    }

    @Test
    void controlCharactersInTitlesAuthorsAndContentNeverReachTheMention() {
        // XML 1.0 forbids C0 controls but not C1 ones (U+0080 to U+009F), even as character references;
        // HTML inside an entry decodes &#1; to U+0001.
        String body = ListenerTestSupport.resource("rss/acme-blog-atom.xml")
                .replace("faster &lt;em&gt;", "faster&#x85; &lt;em&gt;&amp;#0;")
                .replace("<name>Grace Hopper</name>", "<name>Grace&#x9F; Hopper\u0080</name>")
                .replace("Acme Cloud 4.2 is out.", "Acme Cloud 4.2&amp;#1; is out.&amp;#x1b;");
        platforms.stubFor(feed(PlatformWireMock.RSS_BLOG_PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/atom+xml").withBody(body)));

        FetchedPage page = fetch(blog, null);

        assertEquals(List.of(), page.rejected());
        page.mentions().forEach(ControlCharacters::assertClean);
        Mention release = page.mentions().get(0);
        assertEquals("Acme Cloud 4.2: faster cold starts", release.title().replace("\uFFFD", ""));
        assertEquals("Acme Cloud 4.2 is out. Release notes & permalink.", release.text());
        assertEquals("Grace Hopper", release.author().displayName());
    }

    @Test
    void aConditionalGetAnsweredWith304IsAnEmptyPageAndKeepsTheCursor() {
        String stored = new FeedCursor(ETAG, LAST_MODIFIED, Instant.parse("2026-11-25T09:00:00Z")).format(json);
        platforms.stubFor(feed(PlatformWireMock.RSS_BLOG_PATH).withHeader("If-None-Match", equalTo(ETAG))
                .withHeader("If-Modified-Since", equalTo(LAST_MODIFIED)).willReturn(aResponse().withStatus(304)));

        FetchedPage page = fetch(blog, stored);

        assertEquals(List.of(), page.mentions());
        assertEquals(stored, page.cursorAfter());
    }

    @Test
    void entriesWithinTheLateWindowBeforeTheNewestAreReadAgainOlderOnesSkipped() throws Exception {
        platforms.stubFor(feed(PlatformWireMock.RSS_BLOG_PATH).willReturn(xml("rss/acme-blog-atom.xml", "application/atom+xml")));
        // the postmortem (Nov 24, 18:00) is older than the newest entry read before: it may have appeared since
        // (backdated); the seen-set drops it when it was published already. The 2020 entry is beyond the 3-day window.
        String stored = new FeedCursor(null, null, Instant.parse("2026-11-24T20:00:00Z")).format(json);

        FetchedPage page = fetch(blog, stored);

        assertEquals(List.of("Acme Cloud 4.2: faster cold starts", "Postmortem: the November 24 outage"),
                page.mentions().stream().map(Mention::title).toList());
        assertEquals(Instant.parse("2026-11-25T09:00:00Z"), json.readValue(page.cursorAfter(), FeedCursor.class).newest());

        String later = new FeedCursor(null, null, Instant.parse("2026-11-28T10:00:00Z")).format(json);
        FetchedPage beyond = fetch(blog, later);
        assertEquals(List.of(), beyond.mentions(), "everything is more than 3 days before the newest read");
        assertEquals(Instant.parse("2026-11-28T10:00:00Z"), json.readValue(beyond.cursorAfter(), FeedCursor.class).newest());
    }

    @Test
    void rssItemsInLatin1WithBrokenItemsRejectedOneByOne() {
        platforms.stubFor(feed(PlatformWireMock.RSS_NEWS_PATH).willReturn(xml("rss/acme-news-rss.xml", "application/rss+xml")));

        FetchedPage page = fetch(news, null);

        assertEquals(List.of("acme-news-20261125-001", "https://news.acme.example/prices"),
                page.mentions().stream().map(Mention::nativeId).toList());
        Mention zurich = page.mentions().get(0);
        assertEquals("Acme opens a data centre in Zürich", zurich.title());
        assertEquals("Acme Cloud now runs in Zürich. Read the press kit.", zurich.text(), "content:encoded wins");
        assertEquals("Renée Müller", zurich.author().handle());
        assertEquals(Instant.parse("2026-11-25T07:15:00Z"), zurich.createdAt());
        assertEquals(List.of("https://news.acme.example/press/zurich.pdf"), zurich.links());
        assertEquals("Prices for acme & friends", page.mentions().get(1).text());
        assertEquals(2, page.rejected().size());
        String reasons = page.rejected().stream().map(FetchedPage.RejectedPost::reason).toList().toString();
        assertTrue(reasons.contains("without id, guid or link") && reasons.contains("absurd"), reasons);
    }

    @Test
    void anEntryDatedAheadDoesNotMoveTheCursorPastPostsStillToCome() throws Exception {
        // a status page dates a maintenance notice at the start of its window, 20 hours ahead
        Instant now = Instant.now();
        String body = ListenerTestSupport.resource("rss/acme-status-rss.xml")
                .replace("{maintenance}", rfc822(now.plus(Duration.ofHours(20)), "+0200"))
                .replace("{incident}", rfc822(now.minus(Duration.ofHours(2)), "-0500"));
        platforms.stubFor(feed(PlatformWireMock.RSS_NEWS_PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml; charset=utf-8").withBody(body)));
        String stored = new FeedCursor(null, null, now.minus(Duration.ofHours(3))).format(json);

        FetchedPage first = fetch(news, stored);

        assertEquals(List.of("mnt-7781", "inc-4410"), first.mentions().stream().map(Mention::nativeId).toList());
        Mention incident = first.mentions().get(1);
        assertEquals("Some Acme Cloud functions fail with 502.\nSee updates.", incident.text());
        assertEquals(List.of("https://status.acme.example/incidents/inc-4410/updates"), incident.links());
        Instant newest = json.readValue(first.cursorAfter(), FeedCursor.class).newest();
        assertTrue(!newest.isAfter(Instant.now()), "the cursor never runs ahead of the clock: " + newest);

        // the next incident is posted after that read, hours before the maintenance starts
        String later = body.replace("    <item>\n      <title>Elevated", """
                    <item>
                      <title>Acme Cloud functions recovered</title>
                      <link>https://status.acme.example/incidents/inc-4411</link>
                      <guid isPermaLink="false">inc-4411</guid>
                      <pubDate>%s</pubDate>
                      <description>Acme Cloud functions are back to normal.</description>
                    </item>
                    <item>
                      <title>Elevated""".formatted(rfc822(Instant.now().plusSeconds(2), "+0000")));
        platforms.stubFor(feed(PlatformWireMock.RSS_NEWS_PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml; charset=utf-8").withBody(later)));

        FetchedPage second = fetch(news, first.cursorAfter());

        assertTrue(second.mentions().stream().anyMatch(m -> m.nativeId().equals("inc-4411")),
                "a post published after the read is not lost: " + second.mentions().stream().map(Mention::nativeId).toList());
    }

    @Test
    void aLatin1FeedThatSaysUtf8IsReadAsLatin1() {
        platforms.stubFor(feed(PlatformWireMock.RSS_NEWS_PATH).willReturn(xml("rss/acme-ch-latin1-declared-utf8.xml",
                "application/rss+xml; charset=UTF-8")));

        FetchedPage page = fetch(news, null);

        assertEquals(List.of(), page.rejected());
        assertEquals(List.of("Acme eröffnet ein Rechenzentrum in Zürich"), page.mentions().stream().map(Mention::title).toList());
        assertEquals("Acme Cloud läuft jetzt in Zürich - für Kunden in der Schweiz.", page.mentions().get(0).text());
    }

    @Test
    void aUtf8FeedWithAByteOrderMarkIsRead() {
        platforms.stubFor(feed(PlatformWireMock.RSS_NEWS_PATH).willReturn(xml("rss/acme-ch-utf8-bom.xml", "text/xml")));

        FetchedPage page = fetch(news, null);

        assertEquals(List.of("Acme eröffnet ein Rechenzentrum in Zürich"), page.mentions().stream().map(Mention::title).toList());
        assertEquals("Acme Cloud läuft jetzt in Zürich – für Kunden in der Schweiz.", page.mentions().get(0).text());
    }

    @Test
    void atomRelativeLinksResolveAgainstXmlBaseAndRss10IsRead() {
        platforms.stubFor(feed(PlatformWireMock.RSS_NEWS_PATH).willReturn(xml("rss/acme-dev-atom-xml-base.xml",
                "application/atom+xml")));

        Mention tracing = fetch(news, null).mentions().get(0);

        assertEquals("https://dev.acme.example/blog/2026/11/tracing", tracing.permalink());
        assertEquals("Tracing Acme Cloud functions end to end", tracing.title());
        assertEquals("Acme Cloud now exports traces. See the guide.", tracing.text());
        assertEquals(List.of("https://dev.acme.example/blog/docs/tracing"), tracing.links());
        assertEquals(Instant.parse("2026-11-25T10:30:00Z"), tracing.createdAt());

        platforms.stubFor(feed(PlatformWireMock.RSS_NEWS_PATH).willReturn(xml("rss/acme-rdf.xml", "application/rdf+xml")));

        FetchedPage rdf = fetch(news, null);

        assertEquals(List.of(), rdf.rejected());
        Mention topic = rdf.mentions().get(0);
        assertEquals("https://forum.acme.example/t/981", topic.nativeId());
        assertEquals("After the update acme login keeps asking for the token & never finishes.", topic.text());
        assertEquals("frank", topic.author().handle());
        assertEquals(Instant.parse("2026-11-25T10:05:00Z"), topic.createdAt());
    }

    private static String rfc822(Instant at, String offset) {
        return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(java.time.ZoneOffset.of(offset)));
    }

    @Test
    void googleAlertsLinksAreUnwrappedToTheRealPage() {
        platforms.stubFor(feed(PlatformWireMock.RSS_ALERTS_PATH).willReturn(xml("rss/google-alerts.xml", "application/atom+xml")));

        FetchedPage page = fetch(alerts, null);

        Mention outage = page.mentions().get(0);
        assertEquals("https://downdetector.example/status/acme-cloud/?ref=alert", outage.permalink());
        assertEquals("https://downdetector.example/status/acme-cloud/?ref=alert", outage.nativeId());
        assertEquals("Is Acme Cloud down? Users report outages", outage.title());
        assertEquals("Users report problems with Acme Cloud since 9:40. Outage map shows ...", outage.text());
        assertNull(outage.author(), "alerts name no author");
        Mention prices = page.mentions().get(1);
        assertTrue(prices.permalink().startsWith("https://www.technews.example/2026/11/25/acme-cloud-raises-prices"));
        assertTrue(prices.nativeId().startsWith("sha256-") && prices.nativeId().length() == 39,
                "a long URL is hashed: " + prices.nativeId());
    }

    /** Redirects within the configured URL's host are followed, although it is localhost. */
    @ParameterizedTest
    @CsvSource({ "301, {base}/rss/alerts/moved.xml", "302, ../../moved.xml", "308, /rss/alerts/moved.xml" })
    void aMovedFeedIsFollowedOnItsHost(int status, String location) {
        platforms.stubFor(feed(PlatformWireMock.RSS_ALERTS_PATH).willReturn(aResponse().withStatus(status)
                .withHeader("Location", location.replace("{base}", platforms.baseUrl()))));
        platforms.stubFor(feed("/rss/alerts/moved.xml").willReturn(xml("rss/google-alerts.xml", "application/atom+xml")));

        assertEquals(2, fetch(alerts, null).mentions().size());
    }

    @Test
    void aFeedRedirectingToTheMetadataServiceOrAPrivateAddressIsRefused() {
        platforms.stubFor(feed(PlatformWireMock.RSS_BLOG_PATH).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/iam/security-credentials/")));
        String metadata = assertInstanceOf(SourceException.RedirectRefused.class, failure(blog)).getMessage();
        assertEquals("redirect from " + blog.instance() + " to 169.254.169.254 refused: host 169.254.169.254 resolves"
                + " to a non-public address (169.254.169.254)", metadata);

        platforms.stubFor(feed(PlatformWireMock.RSS_BLOG_PATH).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "http://10.1.2.3:8080/admin?token=abc")));
        String internal = assertInstanceOf(SourceException.RedirectRefused.class, failure(blog)).getMessage();
        assertTrue(internal.endsWith("to 10.1.2.3:8080 refused: host 10.1.2.3 resolves to a non-public address (10.1.2.3)"),
                internal);

        // loopback under another name than the configured one: only 127.0.0.1 is allow-listed in these tests
        platforms.stubFor(feed(PlatformWireMock.RSS_BLOG_PATH).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://[::1]:" + platforms.port() + "/rss/blog/elsewhere.xml")));
        assertInstanceOf(SourceException.RedirectRefused.class, failure(blog));
        platforms.verify(0, getRequestedFor(urlPathEqualTo("/rss/blog/elsewhere.xml")));
    }

    @Test
    void aRedirectToAnAllowListedHostIsFollowed() {
        platforms.stubFor(feed(PlatformWireMock.RSS_ALERTS_PATH).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + platforms.port() + "/rss/alerts/moved.xml")));
        platforms.stubFor(feed("/rss/alerts/moved.xml").willReturn(xml("rss/google-alerts.xml", "application/atom+xml")));

        assertEquals(2, fetch(alerts, null).mentions().size());
        platforms.verify(getRequestedFor(urlPathEqualTo("/rss/alerts/moved.xml"))
                .withHeader("Host", equalTo("127.0.0.1:" + platforms.port())));
    }

    @Test
    void errorsMapToSourceExceptions() {
        platforms.stubFor(feed(PlatformWireMock.RSS_BLOG_PATH).willReturn(xml("rss/malformed.xml", "application/rss+xml")));
        assertInstanceOf(SourceException.InvalidPage.class, failure(blog));

        platforms.stubFor(feed(PlatformWireMock.RSS_BLOG_PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body><h1>Acme</h1></body></html>")));
        assertInstanceOf(SourceException.InvalidPage.class, failure(blog), "an HTML page is no feed");

        platforms.stubFor(feed(PlatformWireMock.RSS_BLOG_PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After",
                "Wed, 21 Oct 2099 07:28:00 GMT")));
        assertTrue(assertInstanceOf(SourceException.RateLimited.class, failure(blog)).retryAfter().toDays() > 365,
                "Retry-After as an HTTP date");

        platforms.stubFor(feed(PlatformWireMock.RSS_BLOG_PATH).willReturn(aResponse().withStatus(403)));
        assertInstanceOf(SourceException.AccessDenied.class, failure(blog));

        platforms.stubFor(feed(PlatformWireMock.RSS_BLOG_PATH).willReturn(aResponse().withStatus(500)));
        assertEquals(500, assertInstanceOf(SourceException.Upstream.class, failure(blog)).status());

        platforms.stubFor(feed(PlatformWireMock.RSS_BLOG_PATH).willReturn(xml("rss/acme-blog-atom.xml", "application/atom+xml")
                .withFixedDelay(6_000)));
        assertEquals(0, assertInstanceOf(SourceException.Upstream.class, failure(blog)).status(), "a timeout");
    }

    private static MappingBuilder feed(String path) {
        return get(urlPathEqualTo(path));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String resource, String type) {
        try (InputStream in = RssSourceTest.class.getClassLoader().getResourceAsStream(resource)) {
            return aResponse().withStatus(200).withHeader("Content-Type", type).withBody(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FetchedPage fetch(Feed feed, String cursor) {
        return rss.fetch(feed, cursor, null).await().atMost(Duration.ofSeconds(20));
    }

    private Throwable failure(Feed feed) {
        return assertThrows(SourceException.class, () -> fetch(feed, null));
    }
}
