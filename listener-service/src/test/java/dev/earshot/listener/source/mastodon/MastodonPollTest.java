package dev.earshot.listener.source.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.earshot.listener.source.PlatformPollTestSupport;
import dev.earshot.listener.source.PlatformWireMock;
import dev.earshot.listener.support.AlgoliaWireMock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(AlgoliaWireMock.class)
@WithTestResource(PlatformWireMock.class)
class MastodonPollTest extends PlatformPollTestSupport {

    @Test
    void aPollPublishesMatchingStatusesOnceAndResumesFromTheStoredNewestId() {
        platforms.stubFor(get(urlPathMatching("/(mastodon|restricted)-example/api/v1/timelines/.*")).atPriority(10)
                .willReturn(json("[]")));
        platforms.stubFor(get(urlPathEqualTo(MastodonSourceTest.TAG_PATH)).atPriority(1)
                .willReturn(json(resource("mastodon/tag-acme-newest.json"))));
        platforms.stubFor(get(urlPathEqualTo(PlatformWireMock.MASTODON_PREFIX + "/api/v1/statuses/113571234567890124/context"))
                .willReturn(json(resource("mastodon/context-113571234567890124.json"))));

        poll("mastodon").body("fetched", equalTo(3)).body("published", equalTo(3)).body("rejected", equalTo(0));

        List<JsonNode> mentions = takeMentions(3);
        mentions.sort(Comparator.comparing(m -> m.get("id").asText()));
        assertEquals(List.of("mastodon:mastodon.example:113571200000000001", "mastodon:mastodon.example:113571234567890123",
                "mastodon:mastodon.example:113571234567890124"), mentions.stream().map(m -> m.get("id").asText()).toList());
        assertEquals("[\"acme\"]", mentions.get(0).get("matchedRules").toString());
        assertEquals("mastodon:mastodon.example:113571234567890001", mentions.get(2).get("conversationId").asText());
        assertEquals("2026-11-25T10:01:44Z", mentions.get(0).get("editedAt").asText());

        platforms.stubFor(get(urlPathEqualTo(MastodonSourceTest.TAG_PATH)).atPriority(1)
                .withQueryParam("min_id", equalTo("113571234567890125")).willReturn(json("[]")));
        poll("mastodon").body("published", equalTo(0));
        platforms.verify(getRequestedFor(urlPathEqualTo(MastodonSourceTest.TAG_PATH))
                .withQueryParam("min_id", equalTo("113571234567890125")));
        assertNull(broker.take(TAP_QUEUE), "nothing is published twice");
    }
}
