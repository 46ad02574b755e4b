package dev.earshot.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.testing.DevJwt;
import dev.earshot.testing.IngestAnswers;

/**
 * A pushing client as the ingest contract asks clients to be: it sends posts in batches to
 * {@code POST /api/v1/ingest} and keeps every post until the listener took it. On 503 or 429 it waits
 * {@code Retry-After}; on a refused or timed-out connection it waits a second; items answered
 * {@code pending} or {@code failed} are sent again. Any other answer ends the post's journey (it is
 * then counted lost, with the answer as the reason).
 */
final class PushClient implements AutoCloseable {

    static final String SOURCE = "faultpush";
    static final String INSTANCE = "forum.fault.test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TEXTS = {
        "Acme Cloud is down again, our checkout has been failing for an hour. Refund please.",
        "Same here, Acme support does not answer and we are losing customers.",
        "Acme just came back for us, thanks to the team for the quick fix!",
        "How do I export my data from Acme before I cancel?",
        "Acme billing charged us twice this month, who can help?",
    };

    private final Ledger ledger;
    private final URI ingest;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ConcurrentLinkedDeque<Ledger.Post> outstanding = new ConcurrentLinkedDeque<>();
    private final Map<String, ObjectNode> bodies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final Thread sender;
    private volatile boolean running = true;
    private volatile Instant notBefore = Instant.EPOCH;

    PushClient(Ledger ledger, String listenerBaseUrl) {
        this.ledger = ledger;
        this.ingest = URI.create(listenerBaseUrl + "/api/v1/ingest");
        sender = new Thread(this::sendLoop, "fault-push-client");
        sender.setDaemon(true);
        sender.start();
    }

    /** Queues a conversation of three posts: a first post and two replies to it. */
    void conversation() {
        Ledger.Post root = ledger.next(Ledger.Kind.PUSHED, null);
        submit(root, post(root, null, SOURCE, root.marker + " " + TEXTS[(int) (root.seq % TEXTS.length)]));
        for (int i = 0; i < 2; i++) {
            Ledger.Post reply = ledger.next(Ledger.Kind.PUSHED, root);
            submit(reply, post(reply, root, SOURCE, reply.marker + " " + TEXTS[(int) ((reply.seq + i) % TEXTS.length)]));
        }
    }

    void submit(Ledger.Post post, ObjectNode body) {
        bodies.put(post.marker, body);
        outstanding.add(post);
    }

    int outstanding() {
        return outstanding.size();
    }

    /** How often each kind of answer came, e.g. {@code 200=310, 503=12, connection=40}. */
    Map<String, AtomicInteger> answers() {
        return answers;
    }

    static ObjectNode post(Ledger.Post post, Ledger.Post root, String source, String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("source", source);
        body.put("instance", INSTANCE);
        body.put("nativeId", post.marker);
        body.put("permalink", "https://" + INSTANCE + "/t/" + post.marker);
        ObjectNode author = body.putObject("author");
        author.put("id", "user" + post.seq % 11);
        author.put("handle", "user" + post.seq % 11);
        author.put("displayName", "User " + post.seq % 11);
        body.put("text", text);
        body.put("createdAt", Instant.now().toString());
        body.put("languageHint", "en");
        if (root != null) {
            body.put("conversationId", root.marker);
            body.put("inReplyTo", root.marker);
        }
        return body;
    }

    private void sendLoop() {
        while (running) {
            if (outstanding.isEmpty() || Instant.now().isBefore(notBefore)) {
                Shell.sleep(100);
                continue;
            }
            List<Ledger.Post> batch = new ArrayList<>();
            while (batch.size() < 100 && !outstanding.isEmpty()) {
                batch.add(outstanding.poll());
            }
            send(batch);
        }
    }

    private void send(List<Ledger.Post> batch) {
        StringBuilder body = new StringBuilder("[");
        for (Ledger.Post post : batch) {
            body.append(body.length() > 1 ? "," : "").append(bodies.get(post.marker));
        }
        body.append(']');
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(ingest).timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + DevJwt.token("ingest"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            count(e instanceof java.net.http.HttpTimeoutException ? "timeout" : "connection");
            retryLater(batch, Duration.ofSeconds(1));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            retryLater(batch, Duration.ZERO);
            return;
        }
        int status = response.statusCode();
        count(Integer.toString(status));
        JsonNode items = IngestAnswers.items(response.body());
        if (status == 503 || status == 429) {
            Duration wait = IngestAnswers.retryAfter(response);
            if (items == null) {
                retryLater(batch, wait);
            } else {
                outcomes(batch, items, wait, status);
            }
            return;
        }
        if (status / 100 == 2 && items != null) {
            outcomes(batch, items, Duration.ofSeconds(1), status);
            return;
        }
        for (Ledger.Post post : batch) {
            post.state = Ledger.State.GAVE_UP;
            post.note = "HTTP " + status + " " + abbreviate(response.body());
            bodies.remove(post.marker);
        }
    }

    private void outcomes(List<Ledger.Post> batch, JsonNode items, Duration wait, int status) {
        List<Ledger.Post> again = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Ledger.Post post = batch.get(i);
            JsonNode item = items.path(i);
            String outcome = item.path("status").asText("missing");
            switch (outcome) {
                case "published", "duplicate" -> {
                    post.state = Ledger.State.ACCEPTED;
                    bodies.remove(post.marker);
                }
                case "pending", "failed", "missing" -> again.add(post);
                default -> {
                    post.state = outcome.equals("rejected") ? Ledger.State.REJECTED : Ledger.State.GAVE_UP;
                    post.note = "HTTP " + status + " item " + outcome + " " + item.path("reason").asText("");
                    bodies.remove(post.marker);
                }
            }
        }
        if (!again.isEmpty()) {
            retryLater(again, wait);
        }
    }

    private void retryLater(List<Ledger.Post> posts, Duration wait) {
        for (int i = posts.size() - 1; i >= 0; i--) {
            outstanding.addFirst(posts.get(i));
        }
        Instant next = Instant.now().plus(wait);
        if (next.isAfter(notBefore)) {
            notBefore = next;
        }
    }

    private void count(String answer) {
        answers.computeIfAbsent(answer, a -> new AtomicInteger()).incrementAndGet();
    }

    static String abbreviate(String text) {
        String single = text == null ? "" : text.replaceAll("\\s+", " ");
        return single.length() > 160 ? single.substring(0, 160) + "..." : single;
    }

    /**
     * Sends one body as is (poison) with the same retries as the stream, and hands back the last answer;
     * null when the listener never answered within {@code patience}.
     */
    HttpResponse<String> sendRaw(byte[] body, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(ingest).timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + DevJwt.token("ingest"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode items = IngestAnswers.items(response.body());
                boolean waiting = response.statusCode() == 503 || response.statusCode() == 429 || (items != null
                        && ("pending".equals(items.path(0).path("status").asText())
                                || "failed".equals(items.path(0).path("status").asText())));
                if (!waiting) {
                    return response;
                }
                Shell.sleep(IngestAnswers.retryAfter(response).toMillis());
            } catch (IOException e) {
                Shell.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Stops sending; what was not taken by then stays as it is in the ledger. */
    @Override
    public void close() {
        running = false;
        try {
            sender.join(20_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
