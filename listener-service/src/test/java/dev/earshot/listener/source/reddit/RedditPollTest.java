package dev.earshot.listener.source.reddit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
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
class RedditPollTest extends PlatformPollTestSupport {

    static final String EMPTY = "{\"kind\": \"Listing\", \"data\": {\"after\": null, \"dist\": 0, \"children\": [], \"before\": null}}";

    @Inject
    RedditTokens tokens;

    @Test
    void searchAndSubredditCommentsArePublishedWithTheirThread() {
        tokens.forget();
        platforms.stubFor(post(urlPathEqualTo(RedditSourceTest.TOKEN_PATH)).willReturn(json(resource("reddit/token.json"))));
        platforms.stubFor(get(urlPathMatching(PlatformWireMock.REDDIT_API_PREFIX + "/.*")).atPriority(10).willReturn(json(EMPTY)));
        platforms.stubFor(get(urlPathEqualTo(RedditSourceTest.SEARCH_PATH)).atPriority(1)
                .withQueryParam("q", com.github.tomakehurst.wiremock.client.WireMock.equalTo("acme"))
                .willReturn(json(resource("reddit/search-acme-newest.json"))));
        platforms.stubFor(get(urlPathEqualTo(RedditSourceTest.COMMENTS_PATH)).atPriority(1)
                .willReturn(json(resource("reddit/r-acme-comments.json"))));

        // the comment that does not say "acme" is matched locally and dropped
        poll("reddit").body("fetched", equalTo(4)).body("published", equalTo(3)).body("unmatched", equalTo(1))
                .body("outcome", equalTo("ok"));

        List<JsonNode> mentions = takeMentions(3);
        mentions.sort(Comparator.comparing(m -> m.get("id").asText()));
        assertEquals(List.of("reddit:reddit.com:t1_lz89999", "reddit:reddit.com:t3_1h2k1ab", "reddit:reddit.com:t3_1h2k9xz"),
                mentions.stream().map(m -> m.get("id").asText()).toList());
        assertEquals("reddit:reddit.com:t3_1h2k9xz", mentions.get(0).get("conversationId").asText());
        assertEquals("reddit", mentions.get(0).get("source").asText());

        poll("reddit").body("published", equalTo(0));
        platforms.verify(2, getRequestedFor(urlPathEqualTo(RedditSourceTest.COMMENTS_PATH)));
        assertNull(broker.take(TAP_QUEUE), "nothing is published twice");
    }
}
