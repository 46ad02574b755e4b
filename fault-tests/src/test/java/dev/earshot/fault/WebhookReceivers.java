package dev.earshot.fault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import dev.earshot.testing.DevJwt;

/**
 * Three webhook receivers: one that answers garbage ({@code 200 "ok\0"}), one that answers 500, and a
 * healthy one (204). Each is subscribed (json format, Standard Webhooks headers) to {@code task.created}
 * of one pushed source only, so the number of events is known.
 */
final class WebhookReceivers implements AutoCloseable {

    static final String SOURCE = "faulthook";
    static final List<String> PATHS = List.of("/hook/garbage", "/hook/failing", "/hook/healthy");

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

    WebhookReceivers() {
        server.start();
        server.stubFor(post(urlPathEqualTo("/hook/garbage")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody("ok\0".getBytes(StandardCharsets.UTF_8))));
        server.stubFor(post(urlPathEqualTo("/hook/failing")).willReturn(aResponse().withStatus(500)
                .withBody("{\"error\": \"internal\u0000\"}")));
        server.stubFor(post(urlPathEqualTo("/hook/healthy")).willReturn(aResponse().withStatus(204)));
    }

    /** Subscribes each receiver through response-service's admin API. */
    void subscribe(String responseBaseUrl) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : PATHS) {
            String body = """
                    {"name": "fault %1$s", "url": "http://127.0.0.1:%2$d%1$s", "format": "json",
                     "events": ["task.created"], "sources": ["%3$s"]}
                    """.formatted(path, server.port(), SOURCE);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(responseBaseUrl + "/api/v1/webhooks"))
                    .header("Authorization", "Bearer " + DevJwt.token("admin"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("subscribing " + path + ": " + response.statusCode() + " " + response.body());
            }
        }
    }

    /** Per receiver: how often each event (webhook-id) arrived. */
    Map<String, Map<String, Integer>> sends() {
        Map<String, Map<String, Integer>> sends = new LinkedHashMap<>();
        PATHS.forEach(path -> sends.put(path, new HashMap<>()));
        for (ServeEvent event : server.getAllServeEvents()) {
            String path = URI.create(event.getRequest().getUrl()).getPath();
            String id = event.getRequest().containsHeader("webhook-id") ? event.getRequest().getHeader("webhook-id")
                    : "(no webhook-id)";
            sends.computeIfAbsent(path, p -> new HashMap<>()).merge(id, 1, Integer::sum);
        }
        return sends;
    }

    /**
     * What breaks the webhook policy: an event sent more than max-attempts times, the healthy receiver
     * getting an event twice, a send that response-service did not count as an attempt (the delivery log in
     * {@code jdbcUrl} must know of every request the receiver got, or max-attempts cannot end a loop).
     */
    List<String> violations(int expectedEvents, String jdbcUrl) {
        List<String> violations = new ArrayList<>();
        Map<String, Map<String, Integer>> sends = sends();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "earshot", "earshot");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT s.url, o.event_id::text, d.status, d.attempts"
                        + " FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id"
                        + " JOIN webhook_outbox o ON o.id = d.outbox_id")) {
            while (rows.next()) {
                String path = URI.create(rows.getString(1)).getPath();
                int sent = sends.getOrDefault(path, Map.of()).getOrDefault(rows.getString(2), 0);
                int recorded = rows.getInt(4);
                if (PATHS.contains(path) && recorded < sent) {
                    violations.add(path + " got event " + rows.getString(2) + " " + sent + " times, but its delivery ("
                            + rows.getString(3) + ") counts " + recorded + " attempts");
                }
            }
        } catch (SQLException e) {
            violations.add("reading the webhook delivery log failed: " + e.getMessage());
        }
        sends.forEach((path, perEvent) -> {
            perEvent.forEach((id, count) -> {
                if (count > Earshot.WEBHOOK_MAX_ATTEMPTS) {
                    violations.add(path + " got event " + id + " " + count + " times (max-attempts "
                            + Earshot.WEBHOOK_MAX_ATTEMPTS + ")");
                } else if (path.equals("/hook/healthy") && count > 1) {
                    violations.add(path + " (answers 204) got event " + id + " " + count + " times");
                }
            });
            if (perEvent.size() != expectedEvents) {
                violations.add(path + " got " + perEvent.size() + " distinct events, expected " + expectedEvents);
            }
        });
        return violations;
    }

    String summary() {
        StringBuilder summary = new StringBuilder();
        sends().forEach((path, perEvent) -> summary.append(summary.length() == 0 ? "" : "; ").append(path)
                .append(": ").append(perEvent.size()).append(" events, ")
                .append(perEvent.values().stream().mapToInt(Integer::intValue).sum()).append(" sends, at most ")
                .append(perEvent.values().stream().mapToInt(Integer::intValue).max().orElse(0)).append(" per event"));
        return summary.toString();
    }

    @Override
    public void close() {
        server.stop();
    }
}
