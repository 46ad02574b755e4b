package dev.earshot.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.testing.TestBroker;

/**
 * The fault suite: the three packaged services on private Redis, PostgreSQL and RabbitMQ servers, fed
 * a steady stream of pushed and polled posts while the servers are restarted, the services killed,
 * started in the worst order on fresh stores, and fed poison. It then counts, from response-service's
 * database and the broker, what was lost or stored twice per fault, what sits in the dead-letter
 * queues, and how often each webhook was sent, prints one line per fault and fails on any loss,
 * duplicate, unexpected dead letter or webhook sent beyond its max-attempts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    private static final Path STORES = Path.of("target", "fault-stores");
    private static final Path LOGS = Path.of("target", "fault-logs");
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final String MENTIONS_DLQ = "sentiment-service.mentions.dlq";
    private static final String SCORED_DLQ = "response-service.scored-mentions.dlq";

    private static PrivateRedis redis;
    private static PrivatePostgres postgres;
    private static PrivateRabbit rabbit;
    private static Thread stopOnExit;

    @BeforeAll
    static void startPrivateServers() throws IOException {
        boolean root = "0".equals(Shell.run(5, "id", "-u").output().strip());
        assumeTrue(root, () -> skip("it runs private PostgreSQL and RabbitMQ servers as their system users, which needs root"));
        for (String needed : List.of("/usr/bin/redis-server", "/usr/lib/rabbitmq/bin/rabbitmq-server", "/usr/lib/postgresql")) {
            assumeTrue(Files.exists(Path.of(needed)) || Shell.run(5, "which", Path.of(needed).getFileName().toString()).ok(),
                    () -> skip(needed + " is not installed"));
        }
        deleteRecursively(STORES);
        stopOnExit = new Thread(FaultSuiteIT::stopPrivateServers, "fault-suite-stop-servers");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            redis = new PrivateRedis(STORES.resolve("redis"));
            redis.start();
            postgres = new PrivatePostgres(STORES.resolve("postgresql"));
            postgres.start();
            rabbit = new PrivateRabbit(STORES.resolve("rabbitmq"));
            rabbit.boot();
        } catch (RuntimeException e) {
            stopPrivateServers();
            assumeTrue(false, skip("a private server could not be started: " + e.getMessage().lines().findFirst().orElse("")));
        }
        System.out.printf("fault suite: private redis :%d, postgresql :%d, rabbitmq %s :%d (data under %s)%n",
                redis.port, postgres.port, rabbit.node, rabbit.port, STORES.toAbsolutePath());
    }

    private static String skip(String why) {
        String line = "fault suite SKIPPED: " + why;
        System.out.println(line);
        return line;
    }

    @AfterAll
    static synchronized void stopPrivateServers() {
        for (PrivateServer server : new PrivateServer[] { rabbit, postgres, redis }) {
            if (server != null) {
                try {
                    server.close();
                } catch (RuntimeException e) {
                    System.err.println("fault suite: stopping " + server.name() + " failed: " + e.getMessage());
                }
            }
        }
        rabbit = null;
        postgres = null;
        redis = null;
        if (stopOnExit != null && Thread.currentThread() != stopOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    /**
     * The listener starts first on a fresh virtual host, database and Redis database and posts arrive at
     * once (pushed and polled); sentiment-service comes next, response-service last. Every post must be
     * stored, once.
     */
    @Test
    @Order(1)
    void startInTheWorstOrderAgainstFreshStores() throws Exception {
        Ledger ledger = new Ledger("worst-order start");
        try (AlgoliaFeed feed = new AlgoliaFeed(ledger);
                Earshot earshot = new Earshot(rabbit, postgres, redis, "worst-order", 1, feed.baseUrl(), LOGS.resolve("worst-order"))) {
            earshot.startLive(Earshot.LISTENER);
            Instant start = Instant.now();
            try (PushClient push = new PushClient(ledger, earshot.baseUrl(Earshot.LISTENER))) {
                for (int i = 0; i < 8; i++) {
                    push.conversation();
                    feed.grow();
                }
                earshot.startLive(Earshot.SENTIMENT);
                for (int i = 0; i < 4; i++) {
                    push.conversation();
                    feed.grow();
                }
                earshot.startReady(Earshot.RESPONSE);
                Instant allUp = Instant.now();
                Duration recovered = awaitStored(ledger, earshot, allUp, Duration.ofSeconds(60), true);
                Ledger.Stored stored = ledger.stored(earshot.jdbcUrl);
                List<Ledger.Figures> figures = ledger.figures(stored);
                Map<String, String> recovery = Map.of("worst-order start", describe(recovered, start, allUp));
                List<String> failures = report(ledger, stored, figures, recovery);
                assertTrue(failures.isEmpty(), String.join("\n", failures));
            }
        }
    }

    /** The whole run: every fault one after the other under a steady stream of posts. */
    @Test
    @Order(2)
    void everyFaultUnderASteadyStream() throws Exception {
        Ledger ledger = new Ledger("worst-order start");
        Map<String, String> recovery = new LinkedHashMap<>();
        ScheduledExecutorService stream = Executors.newScheduledThreadPool(2);
        try (AlgoliaFeed feed = new AlgoliaFeed(ledger);
                WebhookReceivers receivers = new WebhookReceivers();
                Earshot earshot = new Earshot(rabbit, postgres, redis, "fault-run", 0, feed.baseUrl(), LOGS.resolve("fault-run"))) {
            Instant start = Instant.now();
            earshot.startLive(Earshot.LISTENER);
            PushClient push = new PushClient(ledger, earshot.baseUrl(Earshot.LISTENER));
            stream.scheduleAtFixedRate(push::conversation, 0, 1000, TimeUnit.MILLISECONDS);
            stream.scheduleAtFixedRate(feed::grow, 0, 1000, TimeUnit.MILLISECONDS);
            earshot.startLive(Earshot.SENTIMENT);
            earshot.startReady(Earshot.RESPONSE);
            Instant up = Instant.now();
            recovery.put(ledger.phase(), describe(awaitStored(ledger, earshot, up, Duration.ofSeconds(150)), start, up));
            progress(ledger, recovery);

            receivers.subscribe(earshot.baseUrl(Earshot.RESPONSE));
            for (int i = 0; i < 3; i++) {
                Ledger.Post post = ledger.next(Ledger.Kind.PUSHED, null);
                push.submit(post, PushClient.post(post, null, WebhookReceivers.SOURCE,
                        post.marker + " Acme lost our data, this is a disaster, we will sue"));
            }

            for (PrivateServer server : List.of(rabbit, redis, postgres)) {
                ledger.phase(server.name() + " restart");
                Instant down = Instant.now();
                server.stop();
                Shell.sleep(OUTAGE.toMillis());
                server.start();
                Instant back = Instant.now();
                recovery.put(ledger.phase(), describe(awaitStored(ledger, earshot, back, Duration.ofSeconds(150)), down, back));
                progress(ledger, recovery);
            }
            for (String service : List.of(Earshot.LISTENER, Earshot.SENTIMENT, Earshot.RESPONSE)) {
                ledger.phase("kill -9 " + service);
                Instant down = Instant.now();
                earshot.kill(service);
                earshot.start(service);
                Instant back = Instant.now();
                recovery.put(ledger.phase(), describe(awaitStored(ledger, earshot, back, Duration.ofSeconds(150)), down, back));
                progress(ledger, recovery);
            }

            ledger.phase("poison");
            Instant poisonStart = Instant.now();
            List<String> poisonProblems = feedPoison(ledger, push, earshot);
            Instant poisonEnd = Instant.now();
            recovery.put(ledger.phase(), describe(awaitStored(ledger, earshot, poisonEnd, Duration.ofSeconds(150)), poisonStart, poisonEnd));

            stream.shutdownNow();
            stream.awaitTermination(10, TimeUnit.SECONDS);
            Instant last = Instant.now();
            awaitTaken(push, Duration.ofSeconds(30));
            push.close();
            awaitStored(ledger, earshot, last, Duration.ofSeconds(150), true);
            awaitWebhooks(Duration.ofSeconds(5));

            Ledger.Stored stored = ledger.stored(earshot.jdbcUrl);
            List<String> failures = report(ledger, stored, ledger.figures(stored), recovery);
            failures.addAll(poisonProblems);
            System.out.println("fault suite: ingest answers " + push.answers() + ", Algolia requests " + feed.requests()
                    + ", whole run " + Duration.between(start, Instant.now()).toSeconds() + " s");
            failures.addAll(deadLetters(earshot));
            System.out.println("fault suite: webhooks: " + receivers.summary());
            for (String violation : receivers.violations(3, earshot.jdbcUrl)) {
                failures.add("webhook policy: " + violation);
            }
            failures.forEach(failure -> System.out.println("fault suite FAILURE: " + failure));
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        } finally {
            stream.shutdownNow();
        }
    }

    private static void progress(Ledger ledger, Map<String, String> recovery) {
        System.out.printf("fault suite: %s done at %s, %s%n", ledger.phase(), Instant.now(), recovery.get(ledger.phase()));
    }

    /** Pushed poison (malformed JSON, NUL bytes, a 1 MiB text, invalid UTF-8) and poison published straight to the broker. */
    private static List<String> feedPoison(Ledger ledger, PushClient push, Earshot earshot) {
        List<String> problems = new ArrayList<>();
        HttpResponse<String> malformed = push.sendRaw("{\"source\": \"faultpush\", \"text\": \"acme".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(30));
        if (malformed == null || malformed.statusCode() != 400) {
            problems.add("pushed malformed JSON answered " + (malformed == null ? "nothing" : malformed.statusCode()
                    + " " + PushClient.abbreviate(malformed.body())) + ", expected 400");
        }
        Ledger.Post nul = ledger.next(Ledger.Kind.POISON, null);
        ObjectNode withNul = PushClient.post(nul, null, PushClient.SOURCE, nul.marker + " Acme \u0000 ate my \u0000 data");
        withNul.put("title", "Acme \u0000 title");
        ((ObjectNode) withNul.get("author")).put("displayName", "nul \u0000 user");
        acceptedPoison(push, nul, withNul.toString().getBytes(StandardCharsets.UTF_8), problems);

        Ledger.Post big = ledger.next(Ledger.Kind.POISON, null);
        String mebibyte = big.marker + " Acme " + "is slow again and again ".repeat(1024 * 1024 / 24);
        acceptedPoison(push, big, PushClient.post(big, null, PushClient.SOURCE, mebibyte).toString()
                .getBytes(StandardCharsets.UTF_8), problems);

        Ledger.Post invalid = ledger.next(Ledger.Kind.POISON, null);
        byte[] template = PushClient.post(invalid, null, PushClient.SOURCE, invalid.marker + " Acme BROKEN here")
                .toString().getBytes(StandardCharsets.UTF_8);
        String asText = new String(template, StandardCharsets.ISO_8859_1).replace("BROKEN", "\u00c3\u0028\u00ff\u00fe");
        acceptedPoison(push, invalid, asText.getBytes(StandardCharsets.ISO_8859_1), problems);

        try (TestBroker broker = new TestBroker("127.0.0.1", rabbit.port, "fault-run")) {
            String now = Instant.now().toString();
            String mention = """
                    {"schemaVersion":%1$d,"id":"faultpush:forum.fault.test:%2$s","source":"faultpush",
                     "instance":"forum.fault.test","nativeId":"%2$s","permalink":"https://forum.fault.test/t/%2$s",
                     "conversationId":"faultpush:forum.fault.test:%2$s","inReplyTo":null,
                     "author":{"id":"eve","handle":"eve","displayName":"eve","followers":null},
                     "title":null,"text":"%2$s Acme poison from the future","languageHint":"en",
                     "createdAt":"%3$s","fetchedAt":"%3$s","engagement":{"likes":null,"replies":null,"shares":null},
                     "matchedRules":["acme"]}""";
            broker.publish("earshot.mentions", PushClient.SOURCE, "{\"schemaVersion\":1,\"id\":\"fltpoison-m1\",\"text\": [");
            broker.publish("earshot.mentions", PushClient.SOURCE, mention.formatted(99, "fltpoison-m2", now));
            broker.publish("earshot.scored-mentions", PushClient.SOURCE, "{\"schemaVersion\":1,\"mention\":{\"id\":\"fltpoison-s1\"");
            broker.publish("earshot.scored-mentions", PushClient.SOURCE, """
                    {"schemaVersion":99,"mention":%s,
                     "sentiment":{"label":"negative","score":-0.8,"probabilities":{"negative":0.9,"neutral":0.05,"positive":0.05}},
                     "urgency":{"score":0.7,"level":"high","reasons":["poison"]},"language":"en","intents":[],
                     "modelVersion":"poison"}""".formatted(mention.formatted(1, "fltpoison-s2", now)));
        } catch (RuntimeException e) {
            problems.add("publishing poison to the broker failed: " + e.getMessage());
        }
        return problems;
    }

    /** Sends one pushed poison post; if the listener takes it, it must be stored like any other. */
    private static void acceptedPoison(PushClient push, Ledger.Post post, byte[] body, List<String> problems) {
        HttpResponse<String> response = push.sendRaw(body, Duration.ofSeconds(30));
        String answer = response == null ? "no answer" : response.statusCode() + " " + PushClient.abbreviate(response.body());
        boolean accepted = response != null && response.statusCode() / 100 == 2
                && response.body().matches("(?s).*\"status\"\\s*:\\s*\"(published|duplicate)\".*");
        post.state = accepted ? Ledger.State.ACCEPTED : Ledger.State.REJECTED;
        post.note = answer;
        post.expected = accepted;
        if (response == null || response.statusCode() >= 500) {
            problems.add("pushed poison " + post.marker + " answered " + answer);
        }
        System.out.println("fault suite: poison " + post.marker + " (" + body.length + " bytes): " + answer);
    }

    /**
     * Waits until every post of the current fault made up to {@code since} that must be stored is stored
     * and a post made after {@code since} is stored too (the pipeline works end to end again). Gives up
     * after {@code cap}, or once new posts are stored but the missing ones have not come for 30 s (they
     * are lost). Hands back the time from {@code since}, or null when it gave up.
     */
    private static Duration awaitStored(Ledger ledger, Earshot earshot, Instant since, Duration cap) {
        return awaitStored(ledger, earshot, since, cap, false);
    }

    private static Duration awaitStored(Ledger ledger, Earshot earshot, Instant since, Duration cap, boolean everyFault) {
        Instant deadline = since.plus(cap);
        int lastMissing = Integer.MAX_VALUE;
        Instant lastProgress = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            try {
                Ledger.Stored stored = ledger.stored(earshot.jdbcUrl);
                int missing = ledger.missing(stored, since, everyFault);
                boolean flowing = ledger.anyStoredAfter(stored, since);
                if (missing == 0 && (flowing || everyFault)) {
                    return Duration.between(since, Instant.now());
                }
                if (missing < lastMissing) {
                    lastMissing = missing;
                    lastProgress = Instant.now();
                } else if ((flowing || everyFault) && Duration.between(lastProgress, Instant.now()).toSeconds() >= 30) {
                    return null;
                }
            } catch (SQLException e) {
                // the database is down or starting: keep waiting
            }
            Shell.sleep(1000);
        }
        return null;
    }

    private static void awaitTaken(PushClient push, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (push.outstanding() > 0 && Instant.now().isBefore(deadline)) {
            Shell.sleep(250);
        }
    }

    /** Lets failing deliveries use up their attempts (1-2 s back-off each). */
    private static void awaitWebhooks(Duration time) {
        Shell.sleep(time.toMillis());
    }

    private static String describe(Duration recovered, Instant faultStart, Instant faultEnd) {
        long outage = Duration.between(faultStart, faultEnd).toSeconds();
        return recovered == null ? "not recovered (posts still missing; fault lasted " + outage + " s)"
                : "recovered in " + String.format("%.1f", recovered.toMillis() / 1000.0) + " s";
    }

    /** Prints one line per fault and the totals; hands back the losses and duplicates as failures. */
    private static List<String> report(Ledger ledger, Ledger.Stored stored, List<Ledger.Figures> figures,
            Map<String, String> recovery) {
        List<String> failures = new ArrayList<>();
        int posts = 0;
        int lost = 0;
        int duplicated = 0;
        for (Ledger.Figures f : figures) {
            posts += f.posts();
            lost += f.lost();
            duplicated += f.duplicated();
            System.out.printf("fault %s: lost %d, duplicated %d, %s (%d posts%s)%n", f.phase(), f.lost(), f.duplicated(),
                    recovery.getOrDefault(f.phase(), "recovery not measured"), f.posts(),
                    f.notAccepted() == 0 ? "" : "; " + f.notAccepted() + " of the lost never taken by the listener");
            if (f.lost() > 0 || f.duplicated() > 0) {
                failures.add("fault " + f.phase() + ": lost " + f.lost() + ", duplicated " + f.duplicated()
                        + "; e.g. " + ledger.lostExamples(stored, f.phase(), 3));
            }
        }
        System.out.printf("fault total: %d posts, lost %d, duplicated %d%n", posts, lost, duplicated);
        long poisonStored = stored.unknownStored.stream().filter(id -> id.contains("fltpoison")).count();
        if (poisonStored > 0) {
            failures.add(poisonStored + " poison messages published to the broker were stored as mentions");
        }
        return failures;
    }

    /** What sits in the dead-letter queues: only the four injected poison messages, each with its reason. */
    private static List<String> deadLetters(Earshot earshot) {
        List<String> failures = new ArrayList<>();
        try (TestBroker broker = new TestBroker("127.0.0.1", rabbit.port, "fault-run")) {
            for (String queue : List.of("sentiment-service.mentions", "response-service.scored-mentions")) {
                long depth = broker.messageCount(queue);
                if (depth > 0) {
                    failures.add(queue + " still holds " + depth + " messages at the end");
                }
            }
            for (String dlq : List.of(MENTIONS_DLQ, SCORED_DLQ)) {
                int poison = 0;
                int other = 0;
                List<String> reasons = new ArrayList<>();
                for (TestBroker.Received received = broker.take(dlq); received != null; received = broker.take(dlq)) {
                    Map<String, Object> headers = received.properties().getHeaders();
                    Object reason = headers == null ? null : headers.get("x-earshot-reason");
                    if (received.body().contains("fltpoison")) {
                        poison++;
                        if (reason == null) {
                            failures.add(dlq + ": injected poison without an x-earshot-reason header: "
                                    + PushClient.abbreviate(received.body()));
                        }
                    } else {
                        other++;
                        if (reasons.size() < 3) {
                            reasons.add((reason == null ? "(no x-earshot-reason)" : reason.toString()) + " "
                                    + PushClient.abbreviate(received.body()));
                        }
                    }
                }
                System.out.printf("fault suite: %s holds %d injected poison and %d other messages%s%n", dlq, poison, other,
                        reasons.isEmpty() ? "" : ", e.g. " + reasons);
                if (poison != 2) {
                    failures.add(dlq + " holds " + poison + " of the 2 poison messages injected into its queue");
                }
                if (other > 0) {
                    failures.add(dlq + " holds " + other + " messages that are not poison, e.g. " + reasons);
                }
            }
        } catch (RuntimeException e) {
            failures.add("reading the dead-letter queues failed: " + e.getMessage());
        }
        return failures;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
