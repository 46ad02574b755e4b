package dev.earshot.fault;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import dev.earshot.testing.AlgoliaWindow;

/**
 * Hacker News as the listener sees it: Algolia's {@code search_by_date} over a set of stories and
 * comments that grows while the suite runs. The answer honours what the listener asks for
 * ({@code numericFilters} on {@code created_at_i}, {@code hitsPerPage}, {@code page}), newest first, in
 * Algolia's format (see e2e-tests' PipelineIT).
 */
final class AlgoliaFeed implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COMMENTS = {
        "Acme has been down for an hour and support does not answer, I want a refund.",
        "Works for me, Acme support fixed my issue quickly. Thanks!",
        "Is there an Acme status page? Our builds are failing since this morning.",
    };

    private record Hit(long objectId, long createdAt, ObjectNode json) {
    }

    private final Ledger ledger;
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final WireMockServer server;
    private Ledger.Post story;
    private int commentsOfStory;

    AlgoliaFeed(Ledger ledger) {
        this.ledger = ledger;
        server = new WireMockServer(wireMockConfig().dynamicPort().extensions(new Transformer()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(new ResponseDefinitionBuilder().withStatus(200)));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** Adds one hit: a story, or a comment on the current story (three per story). */
    synchronized void grow() {
        long now = Instant.now().getEpochSecond();
        ObjectNode hit = JSON.createObjectNode();
        hit.put("created_at", Instant.ofEpochSecond(now).toString());
        hit.put("created_at_i", now);
        if (story == null || commentsOfStory == 3) {
            story = ledger.next(Ledger.Kind.POLLED, null);
            commentsOfStory = 0;
            long id = ledger.objectId(story);
            hit.put("title", "Acme Cloud outage thread " + story.marker);
            hit.putNull("url");
            hit.put("author", "carol" + story.seq % 7);
            hit.put("points", 12);
            hit.put("story_text", story.marker + " Is Acme Cloud down for everyone? Our dashboards are empty.");
            hit.putNull("comment_text");
            hit.put("num_comments", 3);
            hit.putNull("story_id");
            hit.putNull("parent_id");
            hit.put("objectID", Long.toString(id));
            hit.putArray("_tags").add("story").add("author_carol").add("story_" + id);
            hits.add(new Hit(id, now, hit));
            return;
        }
        Ledger.Post comment = ledger.next(Ledger.Kind.POLLED, story);
        long id = ledger.objectId(comment);
        long storyId = ledger.objectId(story);
        hit.putNull("title");
        hit.putNull("url");
        hit.put("author", "dave" + comment.seq % 5);
        hit.putNull("points");
        hit.putNull("story_text");
        hit.put("comment_text", "<p>" + comment.marker + " " + COMMENTS[commentsOfStory++] + "</p>");
        hit.putNull("num_comments");
        hit.put("story_id", storyId);
        hit.put("story_title", "Acme Cloud outage thread " + story.marker);
        hit.put("parent_id", storyId);
        hit.put("objectID", Long.toString(id));
        hit.putArray("_tags").add("comment").add("author_dave").add("story_" + storyId);
        hits.add(new Hit(id, now, hit));
    }

    int requests() {
        return server.getAllServeEvents().size();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Builds the answer to each search from the hits so far. */
    private final class Transformer implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            QueryParameter filters = serveEvent.getRequest().queryParameter("numericFilters");
            AlgoliaWindow window = AlgoliaWindow.parse(filters.isPresent() ? filters.firstValue() : "");
            int perPage = intParameter(serveEvent, "hitsPerPage", 20);
            int page = intParameter(serveEvent, "page", 0);
            List<Hit> matching = new ArrayList<>();
            for (Hit hit : hits) {
                if (window.contains(hit.createdAt())) {
                    matching.add(hit);
                }
            }
            matching.sort(Comparator.comparingLong(Hit::createdAt).thenComparingLong(Hit::objectId).reversed());
            ObjectNode body = JSON.createObjectNode();
            ArrayNode array = body.putArray("hits");
            for (int i = page * perPage; i < Math.min(matching.size(), (page + 1) * perPage); i++) {
                array.add(matching.get(i).json());
            }
            body.put("nbHits", matching.size());
            body.put("page", page);
            body.put("nbPages", (matching.size() + perPage - 1) / perPage);
            body.put("hitsPerPage", perPage);
            body.put("exhaustiveNbHits", true);
            body.put("query", "acme");
            body.put("processingTimeMS", 1);
            return new ResponseDefinitionBuilder().withStatus(200)
                    .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body.toString()).build();
        }

        private static int intParameter(ServeEvent serveEvent, String name, int otherwise) {
            QueryParameter parameter = serveEvent.getRequest().queryParameter(name);
            return parameter.isPresent() ? Integer.parseInt(parameter.firstValue()) : otherwise;
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public String getName() {
            return "algolia-feed";
        }
    }
}
