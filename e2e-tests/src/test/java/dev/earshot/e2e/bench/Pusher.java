package dev.earshot.e2e.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import dev.earshot.testing.DevJwt;
import dev.earshot.testing.IngestAnswers;

/**
 * Pushes batches of posts to {@code POST /api/v1/ingest} the way the ingest contract asks clients to:
 * items answered {@code pending} or {@code failed} are sent again, after {@code Retry-After} on 503 or
 * 429 and after a second on a refused or timed-out connection. Sends are asynchronous, so an offered
 * rate is kept however slowly the listener answers; each of the {@code clients} has its own connection pool.
 */
final class Pusher {

    /** A post to push: its sequence number in the phase and its JSON. */
    record Post(int seq, String json) {
    }

    private static final int MAX_ATTEMPTS = 100;

    private final URI ingest;
    private final List<HttpClient> clients = new ArrayList<>();
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger unmatched = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();
    private final AtomicLong lastAnswerMicros = new AtomicLong();
    private volatile String token = DevJwt.token("ingest");
    private volatile Instant tokenRenewal = Instant.now().plus(Duration.ofMinutes(20));

    Pusher(String listenerBaseUrl, int clients) {
        this.ingest = URI.create(listenerBaseUrl + "/api/v1/ingest");
        for (int i = 0; i < clients; i++) {
            this.clients.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        }
    }

    int clients() {
        return clients.size();
    }

    /** Sends one batch with {@code client}; completes once every post was taken, refused or given up. */
    CompletableFuture<Void> send(int client, List<Post> posts) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(clients.get(client % clients.size()), posts, done, 1);
        return done;
    }

    /** Counters of the answers since the last reset, e.g. {@code 200=20 503=2}. */
    String answers() {
        return new TreeMap<>(answers).toString().replaceAll("[{}]", "").replace(", ", " ");
    }

    int accepted() {
        return accepted.get();
    }

    int unmatched() {
        return unmatched.get();
    }

    /** Posts refused (rejected, or an answer the contract does not retry) or given up after many attempts. */
    int lost() {
        return lost.get();
    }

    long lastAnswerMicros() {
        return lastAnswerMicros.get();
    }

    void reset() {
        answers.clear();
        accepted.set(0);
        unmatched.set(0);
        lost.set(0);
        lastAnswerMicros.set(0);
    }

    private void attempt(HttpClient client, List<Post> posts, CompletableFuture<Void> done, int attempt) {
        StringBuilder body = new StringBuilder(posts.size() * 600).append('[');
        for (Post post : posts) {
            body.append(body.length() > 1 ? "," : "").append(post.json());
        }
        body.append(']');
        HttpRequest request = HttpRequest.newBuilder(ingest).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            try {
                lastAnswerMicros.accumulateAndGet(Clock.micros(), Math::max);
                if (failure != null) {
                    count(failure instanceof HttpTimeoutException || failure.getCause() instanceof HttpTimeoutException
                            ? "timeout" : "connection");
                    retry(client, posts, done, attempt, Duration.ofSeconds(1));
                    return;
                }
                int status = response.statusCode();
                count(Integer.toString(status));
                JsonNode items = IngestAnswers.items(response.body());
                boolean busy = status == 503 || status == 429;
                Duration wait = busy ? IngestAnswers.retryAfter(response) : Duration.ofSeconds(1);
                if (items == null) {
                    if (busy) {
                        retry(client, posts, done, attempt, wait);
                    } else {
                        System.err.printf("bench: ingest answered %d, %d posts lost: %s%n", status, posts.size(),
                                abbreviate(response.body()));
                        lost.addAndGet(posts.size());
                        done.complete(null);
                    }
                    return;
                }
                List<Post> again = new ArrayList<>();
                for (int i = 0; i < posts.size(); i++) {
                    switch (items.path(i).path("status").asText("missing")) {
                        case "published", "duplicate" -> accepted.incrementAndGet();
                        case "unmatched" -> unmatched.incrementAndGet();
                        case "pending", "failed", "missing" -> again.add(posts.get(i));
                        default -> lost.incrementAndGet();
                    }
                }
                if (again.isEmpty()) {
                    done.complete(null);
                } else {
                    retry(client, again, done, attempt, wait);
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
    }

    private void retry(HttpClient client, List<Post> posts, CompletableFuture<Void> done, int attempt, Duration wait) {
        if (attempt >= MAX_ATTEMPTS) {
            lost.addAndGet(posts.size());
            done.complete(null);
            return;
        }
        CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> attempt(client, posts, done, attempt + 1));
    }

    private String token() {
        if (Instant.now().isAfter(tokenRenewal)) {
            token = DevJwt.token("ingest");
            tokenRenewal = Instant.now().plus(Duration.ofMinutes(20));
        }
        return token;
    }

    private void count(String answer) {
        answers.computeIfAbsent(answer, a -> new AtomicInteger()).incrementAndGet();
    }

    private static String abbreviate(String text) {
        String single = text == null ? "" : text.replaceAll("\\s+", " ");
        return single.length() > 200 ? single.substring(0, 200) + "..." : single;
    }
}
