package dev.earshot.listener.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import dev.earshot.testing.AlgoliaWindow;

/**
 * A WireMock extension that answers {@code search_by_date} like Algolia over an in-memory set of comments:
 * it keeps the comments containing the query, applies {@code created_at_i>S} and {@code created_at_i<=U} numeric filters, sorts newest first, pages
 * by {@code hitsPerPage} and {@code page}, and caps the pages at Algolia's 1,000-hit pagination limit
 * ({@code nbHits} still tells the full count). Used by stubs that name it as their transformer.
 */
public class AlgoliaSimulator implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "algolia-simulator";
    public static final int PAGINATION_LIMIT = 1000;

    /** One comment of the simulated index. */
    public record Hit(long id, long createdAt, String text) {
    }

    private static final List<Hit> HITS = new CopyOnWriteArrayList<>();

    public static void index(List<Hit> hits) {
        HITS.clear();
        HITS.addAll(hits);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String body = page(value(request, "query", ""), value(request, "numericFilters", ""), Integer.parseInt(value(request, "hitsPerPage", "20")),
                Integer.parseInt(value(request, "page", "0")));
        return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).but().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body).build();
    }

    /** The Algolia answer for these filters and page. */
    public static String page(String query, String numericFilters, int hitsPerPage, int page) {
        String word = query.toLowerCase(java.util.Locale.ROOT);
        AlgoliaWindow window = AlgoliaWindow.parse(numericFilters);
        List<Hit> matching = new ArrayList<>();
        for (Hit hit : HITS) {
            if (window.contains(hit.createdAt())
                    && hit.text().toLowerCase(java.util.Locale.ROOT).contains(word)) {
                matching.add(hit);
            }
        }
        matching.sort(Comparator.comparingLong(Hit::createdAt).reversed().thenComparing(Comparator.comparingLong(Hit::id).reversed()));
        int nbPages = (int) Math.min((matching.size() + hitsPerPage - 1) / hitsPerPage, PAGINATION_LIMIT / hitsPerPage);
        StringBuilder json = new StringBuilder("{\"hits\":[");
        if (page < nbPages) {
            int from = page * hitsPerPage;
            int to = Math.min(matching.size(), from + hitsPerPage);
            for (int i = from; i < to; i++) {
                Hit hit = matching.get(i);
                if (i > from) {
                    json.append(',');
                }
                json.append("{\"_tags\":[\"comment\",\"author_sim\",\"story_1\"],\"author\":\"sim\",")
                        .append("\"comment_text\":\"").append(hit.text()).append("\",")
                        .append("\"created_at_i\":").append(hit.createdAt()).append(',')
                        .append("\"objectID\":\"").append(hit.id()).append("\",")
                        .append("\"parent_id\":1,\"story_id\":1}");
            }
        }
        json.append("],\"hitsPerPage\":").append(hitsPerPage).append(",\"nbHits\":").append(matching.size())
                .append(",\"nbPages\":").append(nbPages).append(",\"page\":").append(page)
                .append(",\"processingTimeMS\":1}");
        return json.toString();
    }

    private static String value(Request request, String name, String fallback) {
        QueryParameter parameter = request.queryParameter(name);
        return parameter.isPresent() ? parameter.firstValue() : fallback;
    }
}
