package dev.earshot.listener.source.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Comparator;
import java.util.List;

import jakarta.inject.Inject;

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
class BlueskyPollTest extends PlatformPollTestSupport {

    @Inject
    BlueskySession session;

    @Test
    void searchResultsArePublishedWithTheirThreadAndTheCursorIsKept() {
        session.forget();
        platforms.stubFor(post(urlPathEqualTo(BlueskySourceTest.CREATE)).willReturn(json(resource("bluesky/session-1.json"))));
        platforms.stubFor(get(urlPathEqualTo(BlueskySourceTest.PROFILES)).willReturn(json(resource("bluesky/profiles.json"))));
        platforms.stubFor(get(urlPathEqualTo(BlueskySourceTest.SEARCH)).atPriority(10).willReturn(json("{\"posts\": []}")));
        platforms.stubFor(get(urlPathEqualTo(BlueskySourceTest.SEARCH)).atPriority(1)
                .withQueryParam("q", com.github.tomakehurst.wiremock.client.WireMock.equalTo("acme"))
                .withQueryParam("cursor", absent()).willReturn(json(resource("bluesky/search-acme-newest.json"))));

        poll("bluesky").body("published", equalTo(2)).body("outcome", equalTo("ok"));

        List<JsonNode> mentions = takeMentions(2);
        mentions.sort(Comparator.comparing(m -> m.get("createdAt").asText()));
        assertEquals("bluesky:bsky.app:at://" + BlueskySourceTest.BOB + "/app.bsky.feed.post/3lbroot22aa2x",
                mentions.get(0).get("conversationId").asText());
        assertEquals(2048, mentions.get(1).get("author").get("followers").asInt());

        // the same page again: the stored newest post stops the read at once
        poll("bluesky").body("published", equalTo(0)).body("fetched", equalTo(0));
        assertNull(broker.take(TAP_QUEUE), "nothing is published twice");
    }
}
