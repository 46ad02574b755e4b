import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A local stand-in for the Hacker News Algolia API, for demos on a machine without internet:
 * {@code GET /api/v1/search_by_date} answers in Algolia's format with a small thread about the
 * fictional product "Acme Cloud" (written for this project). Ids are derived from the start time,
 * so each demo run brings new posts; repeated polls return the same hits, which the listener drops
 * as already seen. Run with {@code java scripts/demo/AlgoliaDemoServer.java [port]} (JDK 11+).
 */
public class AlgoliaDemoServer {

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9999;
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long base = started.getEpochSecond() * 10;
        String page = page(started, base);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/api/v1/search_by_date", exchange -> answer(exchange, 200, page));
        server.createContext("/", exchange -> answer(exchange, 404,
                "{\"message\":\"indexName is not valid\",\"status\":404}"));
        server.start();
        System.out.println("Algolia-format demo feed on http://localhost:" + port + "/api/v1/search_by_date");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String page(Instant now, long base) {
        long story = base + 1;
        long outageStory = base + 6;
        List<String> hits = new ArrayList<>();
        hits.add(story(story, now.minusSeconds(1800), "carol", "Ask HN: Is anyone else seeing Acme Cloud errors?",
                "Since this morning every deploy on <i>Acme Cloud</i> fails with a 502. Their status page says all green.", 42, 3));
        hits.add(comment(base + 2, story, story, now.minusSeconds(1500), "dave",
                "<p>Same here. Our whole checkout is down and Acme support has not answered in two hours.<p>If this is not fixed today we cancel and move to another provider."));
        hits.add(comment(base + 3, story, base + 2, now.minusSeconds(1200), "erin",
                "Acme charged my card twice this month as well &amp; nobody replies about the refund."));
        hits.add(comment(base + 4, story, story, now.minusSeconds(900), "frank",
                "Acme works fine for us in eu-west. How do I check which region my project is in?"));
        hits.add(story(base + 5, now.minusSeconds(600), "grace", "Acme Cloud 5.0 released",
                "Release notes: faster builds, a new CLI and <a href=\"https://acme.example/5\">much more</a>. Great work by the team!", 18, 0));
        hits.add(story(outageStory, now.minusSeconds(300), "heidi", "Acme Cloud login page leaks session tokens in the URL",
                "Found while testing: the <code>token</code> parameter is logged by every proxy. This is a security hole, please fix.", 7, 0));
        return "{\"hits\":[" + String.join(",", hits) + "],\"nbHits\":" + hits.size()
                + ",\"page\":0,\"nbPages\":1,\"hitsPerPage\":100,\"exhaustiveNbHits\":true,\"query\":\"acme\","
                + "\"params\":\"query=acme&tags=%28story%2Ccomment%29\",\"processingTimeMS\":1}";
    }

    private static String story(long id, Instant at, String author, String title, String html, int points, int comments) {
        return "{\"created_at\":\"" + at + "\",\"created_at_i\":" + at.getEpochSecond() + ",\"title\":" + quote(title)
                + ",\"url\":null,\"author\":\"" + author + "\",\"points\":" + points + ",\"story_text\":" + quote(html)
                + ",\"comment_text\":null,\"num_comments\":" + comments + ",\"story_id\":null,\"parent_id\":null,"
                + "\"objectID\":\"" + id + "\",\"_tags\":[\"story\",\"author_" + author + "\",\"story_" + id + "\"]}";
    }

    private static String comment(long id, long story, long parent, Instant at, String author, String html) {
        return "{\"created_at\":\"" + at + "\",\"created_at_i\":" + at.getEpochSecond() + ",\"title\":null,\"url\":null,"
                + "\"author\":\"" + author + "\",\"points\":null,\"story_text\":null,\"comment_text\":" + quote(html)
                + ",\"num_comments\":null,\"story_id\":" + story + ",\"story_title\":\"Acme\",\"parent_id\":" + parent
                + ",\"objectID\":\"" + id + "\",\"_tags\":[\"comment\",\"author_" + author + "\",\"story_" + story + "\"]}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
