package dev.earshot.listener.source.rss;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.earshot.listener.source.PlatformPollTestSupport;
import dev.earshot.listener.source.PlatformWireMock;
import dev.earshot.listener.support.AlgoliaWireMock;
import dev.earshot.testing.DevJwt;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(AlgoliaWireMock.class)
@WithTestResource(PlatformWireMock.class)
class RssPollTest extends PlatformPollTestSupport {

    @Test
    void feedEntriesArePublishedAndTheNextReadIsConditional() throws IOException {
        platforms.stubFor(get(urlPathEqualTo(PlatformWireMock.RSS_BLOG_PATH)).willReturn(xml("rss/acme-blog-atom.xml")
                .withHeader("Last-Modified", "Tue, 25 Nov 2026 09:30:00 GMT")));
        platforms.stubFor(get(urlPathEqualTo(PlatformWireMock.RSS_NEWS_PATH)).willReturn(xml("rss/acme-news-rss.xml")));
        platforms.stubFor(get(urlPathEqualTo(PlatformWireMock.RSS_ALERTS_PATH)).willReturn(xml("rss/google-alerts.xml")));

        // blog: 3 entries match "acme"; news: 2 readable, 2 dead-lettered; alerts: 2
        poll("rss").body("fetched", equalTo(9)).body("published", equalTo(7)).body("rejected", equalTo(2));

        List<JsonNode> mentions = takeMentions(7);
        assertEquals(7, mentions.stream().map(m -> m.get("id").asText()).distinct().count());
        assertEquals(true, mentions.stream().anyMatch(m -> "https://downdetector.example/status/acme-cloud/?ref=alert"
                .equals(m.get("permalink").asText())));

        platforms.stubFor(get(urlPathEqualTo(PlatformWireMock.RSS_BLOG_PATH))
                .withHeader("If-Modified-Since", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Tue, 25 Nov 2026 09:30:00 GMT"))
                .willReturn(aResponse().withStatus(304)));
        poll("rss").body("published", equalTo(0));
        platforms.verify(getRequestedFor(urlPathEqualTo(PlatformWireMock.RSS_BLOG_PATH)).withHeader("If-Modified-Since",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("Tue, 25 Nov 2026 09:30:00 GMT")));
        assertNull(broker.take(TAP_QUEUE), "nothing is published twice");
    }

    @Test
    void anEntryThatAppearsAfterANewerOneIsPublishedAndNothingTwice() throws IOException {
        platforms.stubFor(get(urlPathMatching("/rss/.*")).willReturn(aResponse().withStatus(304)));
        platforms.stubFor(get(urlPathEqualTo(PlatformWireMock.RSS_BLOG_PATH)).willReturn(xml("rss/acme-blog-atom.xml")));
        poll("rss").body("published", equalTo(3));
        assertEquals(3, takeMentions(3).size());

        // the next read has an entry dated before the newest one read (a post backdated to when it was drafted)
        String late = new String(xml("rss/acme-blog-atom.xml").build().getByteBody(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("  <entry>\n    <title>Postmortem", """
                          <entry>
                            <title>Acme status page moves to status.acme.example</title>
                            <link href="https://blog.acme.example/2026/11/status-page"/>
                            <id>tag:blog.acme.example,2026-11-25:/2026/11/status-page</id>
                            <updated>2026-11-25T08:00:00Z</updated>
                            <summary>Acme's status page has a new home.</summary>
                          </entry>
                          <entry>
                            <title>Postmortem""");
        platforms.stubFor(get(urlPathEqualTo(PlatformWireMock.RSS_BLOG_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/xml").withBody(late)));
        poll("rss").body("published", equalTo(1));
        assertEquals("Acme status page moves to status.acme.example", takeMentions(1).get(0).get("title").asText());
        assertNull(broker.take(TAP_QUEUE), "the entries published before are not published again");
    }

    @Test
    void aRefusedRedirectFailsThePollAndBacksTheFeedOff() {
        platforms.stubFor(get(urlPathMatching("/rss/.*")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://10.1.2.3/latest/meta-data/?secret=1")));

        poll("rss").body("outcome", equalTo("failed")).body("published", equalTo(0))
                .body("error", containsString("redirect-refused"))
                .body("error", containsString("refused: host 10.1.2.3 resolves to a non-public address"))
                .body("error", not(containsString("secret")));
        given().auth().oauth2(DevJwt.token("lead")).when().get("/api/v1/sources").then().statusCode(200)
                .body("items.find { it.source == 'rss' }.backoffReason", equalTo("redirect-refused"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String resource) throws IOException {
        try (InputStream in = RssPollTest.class.getClassLoader().getResourceAsStream(resource)) {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/xml").withBody(in.readAllBytes());
        }
    }
}
