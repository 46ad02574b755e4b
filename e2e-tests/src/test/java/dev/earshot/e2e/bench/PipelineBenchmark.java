package dev.earshot.e2e.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

import dev.earshot.testing.DevJwt;
import dev.earshot.testing.ServiceProcess;

/**
 * End-to-end throughput of the three packaged services on the real servers: posts pushed through
 * {@code POST /api/v1/ingest}, scored by sentiment-service and stored as tasks by response-service.
 * Run by {@code scripts/bench-pipeline.sh} (which makes the stores afresh and builds the services),
 * never by {@code mvn verify}: it prints figures and checks nothing.
 *
 * <p>Every post matches the listening rule {@code acme}; posts come in conversations of three (a first post
 * and two replies). Phases, each waiting until all its posts are stored before the next:
 * <ul>
 * <li>warm-up: {@code bench.warmup} posts as a burst, not reported beyond one line;</li>
 * <li>burst: {@code bench.posts} posts pushed as fast as they are accepted ({@code bench.clients} clients,
 * batches of {@code bench.batch}); sustained posts/s = posts / (first ingest request to last post stored);</li>
 * <li>rate: {@code bench.rate} posts/s offered for {@code bench.seconds} s in batches of
 * {@code bench.rate-batch}, sent on schedule whatever the answers take (open model).</li>
 * </ul>
 * A post's latency runs from the moment its batch was due to be sent (burst: its first send; rate: its
 * scheduled time, so a late sender counts against the system: coordinated-omission aware) to its
 * mention's {@code received_at} in response-service's database. CPU per post per service is the
 * process's user+system CPU time over the phase divided by the posts stored in it.
 */
public final class PipelineBenchmark {

    static final String SOURCE = "bench";
    static final String INSTANCE = "forum.bench.test";
    private static final String[] TEXTS = {
        "Acme Cloud is down again, our checkout has been failing for an hour. Refund please.",
        "Same here, Acme support does not answer and we are losing customers.",
        "Acme just came back for us, thanks to the team for the quick fix!",
        "How do I export my data from Acme before I cancel my account?",
        "Acme billing charged us twice this month, who can help?",
        "Loving the new Acme dashboard, the reports are so much faster now.",
    };
    private static final List<String> SERVICES = List.of("listener-service", "sentiment-service", "response-service");

    private final Settings settings;
    private final Map<String, ServiceProcess> services;
    private final Pusher pusher;
    private final StoredPosts stored;
    private final Backlog backlog;

    private PipelineBenchmark(Settings settings, Map<String, ServiceProcess> services, StoredPosts stored,
            Backlog backlog) {
        this.settings = settings;
        this.services = services;
        this.pusher = new Pusher(services.get("listener-service").baseUrl(), settings.clients);
        this.stored = stored;
        this.backlog = backlog;
    }

    /** Settings, from system properties {@code bench.*} (scripts/bench-pipeline.sh sets them from its environment). */
    record Settings(String mode, int posts, int rate, int seconds, int batch, int rateBatch, int clients, int warmup,
            Duration drainTimeout, String database, String virtualHost, int redisDatabase) {

        static Settings fromSystemProperties() {
            return new Settings(System.getProperty("bench.mode", "both"),
                    Integer.getInteger("bench.posts", 20_000),
                    Integer.getInteger("bench.rate", 500),
                    Integer.getInteger("bench.seconds", 30),
                    Integer.getInteger("bench.batch", 500),
                    Integer.getInteger("bench.rate-batch", 50),
                    Integer.getInteger("bench.clients", 2),
                    Integer.getInteger("bench.warmup", 15_000),
                    Duration.ofSeconds(Integer.getInteger("bench.drain-timeout", 600)),
                    System.getProperty("bench.database", "earshot_bench_pipeline"),
                    System.getProperty("bench.vhost", "earshot-bench-pipeline"),
                    Integer.getInteger("bench.redis-db", 10));
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        String jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/" + settings.database;
        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        int exit = 0;
        try {
            start(settings, services);
            try (StoredPosts stored = new StoredPosts(jdbcUrl, "earshot", "earshot");
                    Backlog backlog = new Backlog(settings.virtualHost)) {
                PipelineBenchmark bench = new PipelineBenchmark(settings, services, stored, backlog);
                System.out.printf(Locale.ROOT, "bench: %d cores, load average %s, services up%n",
                        Runtime.getRuntime().availableProcessors(), ProcessUsage.loadAverage());
                if (settings.warmup > 0) {
                    bench.burst("warm-up", "w", settings.warmup, false);
                }
                if (settings.mode.equals("burst") || settings.mode.equals("both")) {
                    bench.burst("burst", "b", settings.posts, true);
                }
                if (settings.mode.equals("rate") || settings.mode.equals("both")) {
                    bench.rate("rate", "r");
                }
                bench.printPeakMemory();
            }
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            for (ServiceProcess service : services.values()) {
                service.close();
            }
        }
        System.exit(exit);
    }

    private static void start(Settings settings, Map<String, ServiceProcess> services) {
        Map<String, String> common = new HashMap<>();
        common.put("EARSHOT_JWT_PUBLIC_KEY_LOCATION", DevJwt.publicKeyPem().toUri().toString());
        common.put("EARSHOT_JWT_ISSUER", DevJwt.ISSUER);
        common.put("RABBITMQ_HOST", "127.0.0.1");
        common.put("RABBITMQ_VIRTUAL_HOST", settings.virtualHost);
        common.put("RABBITMQ_USERNAME", "guest");
        common.put("RABBITMQ_PASSWORD", "guest");

        Map<String, String> listener = new HashMap<>(common);
        listener.put("REDIS_URL", "redis://127.0.0.1:6379/" + settings.redisDatabase);
        listener.put("EARSHOT_HACKERNEWS_ENABLED", "false");
        listener.put("EARSHOT_HACKERNEWS_POLL_INTERVAL", "off");
        listener.put("EARSHOT_LISTENER_RULES_ACME_KEYWORD", "acme");
        Map<String, String> response = new HashMap<>(common);
        response.put("DB_REACTIVE_URL", "postgresql://127.0.0.1:5432/" + settings.database);
        response.put("DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + settings.database);
        response.put("DB_USERNAME", "earshot");
        response.put("DB_PASSWORD", "earshot");
        Map<String, Map<String, String>> environments = Map.of("listener-service", listener,
                "sentiment-service", common, "response-service", response);

        Path logs = Path.of("target", "bench-logs");
        // downstream first, so that nothing waits for a queue that is not declared yet
        for (String module : List.of("response-service", "sentiment-service", "listener-service")) {
            services.put(module, ServiceProcess.start(module, environments.get(module), ServiceProcess.freePort(), logs));
        }
        for (ServiceProcess service : services.values()) {
            service.awaitReady(Duration.ofSeconds(180));
        }
        System.out.printf("bench: service logs in %s%n", logs.toAbsolutePath());
    }

    /** Posts as fast as the listener takes them: {@code clients} senders, each with one batch in flight. */
    private void burst(String phase, String prefix, int count, boolean report) throws Exception {
        List<Pusher.Post> posts = posts(prefix, count);
        long[] sent = new long[count];
        ConcurrentLinkedQueue<List<Pusher.Post>> batches = new ConcurrentLinkedQueue<>(batches(posts, settings.batch));
        Measurement measurement = new Measurement();
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < settings.clients; c++) {
            int client = c;
            Thread sender = new Thread(() -> {
                List<Pusher.Post> batch;
                while ((batch = batches.poll()) != null) {
                    long now = Clock.micros();
                    batch.forEach(post -> sent[post.seq()] = now);
                    pusher.send(client, batch).join();
                }
            }, "bench-client-" + c);
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        String backlogWhenTaken = backlog.latest();
        Result result = measurement.finish(prefix, sent);
        if (!report) {
            System.out.printf(Locale.ROOT, "bench %s: %,d posts stored, %s%n", phase, result.stored, result.summary());
            return;
        }
        System.out.printf(Locale.ROOT, "bench %s: %,d posts (conversations of 3), %d clients, batches of %d%n",
                phase, count, settings.clients, settings.batch);
        System.out.printf(Locale.ROOT, "bench %s: ingest took them in %.1f s (%,.0f posts/s); answers %s; queues then "
                + "(ready messages): %s%n", phase, seconds(result.firstSent, pusher.lastAnswerMicros()),
                result.accepted / seconds(result.firstSent, pusher.lastAnswerMicros()), pusher.answers(),
                backlogWhenTaken);
        System.out.printf(Locale.ROOT, "bench %s: last stored %.1f s after the first ingest request, %.1f s after the "
                + "last answer: sustained %s posts/s end to end%n", phase, seconds(result.firstSent, result.lastStored),
                seconds(pusher.lastAnswerMicros(), result.lastStored),
                String.format(Locale.ROOT, "%,.0f", result.stored / seconds(result.firstSent, result.lastStored)));
        result.print(phase, "latency from the batch's first send to stored");
    }

    /** {@code rate} posts/s offered for {@code seconds} s, each batch sent when due whatever the earlier ones take. */
    private void rate(String phase, String prefix) throws Exception {
        int count = settings.rate * settings.seconds;
        List<Pusher.Post> posts = posts(prefix, count);
        List<List<Pusher.Post>> batches = batches(posts, settings.rateBatch);
        long[] sent = new long[count];
        Measurement measurement = new Measurement();
        long startNanos = System.nanoTime() + 50_000_000L;
        long startMicros = Clock.micros() + 50_000L;
        long maxLateNanos = 0;
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        for (int k = 0; k < batches.size(); k++) {
            List<Pusher.Post> batch = batches.get(k);
            long offsetNanos = (long) batch.get(0).seq() * 1_000_000_000L / settings.rate;
            long due = startNanos + offsetNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLateNanos = Math.max(maxLateNanos, System.nanoTime() - due);
            long scheduled = startMicros + offsetNanos / 1_000;
            batch.forEach(post -> sent[post.seq()] = scheduled);
            inFlight.add(pusher.send(k, batch));
        }
        long offeredEnd = Clock.micros();
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        Result result = measurement.finish(prefix, sent);
        System.out.printf(Locale.ROOT, "bench %s: %,d posts/s offered for %d s (%,d posts, conversations of 3), batches of"
                + " %d every %.0f ms over %d clients; sends at most %.0f ms behind schedule%n", phase, settings.rate,
                settings.seconds, count, settings.rateBatch, 1000.0 * settings.rateBatch / settings.rate, settings.clients,
                maxLateNanos / 1e6);
        System.out.printf(Locale.ROOT, "bench %s: answers %s; last stored %.1f s after the last send: stored %s posts/s "
                + "over the run%n", phase, pusher.answers(), seconds(offeredEnd, result.lastStored),
                String.format(Locale.ROOT, "%,.0f", result.stored / seconds(result.firstSent, result.lastStored)));
        result.print(phase, "latency from the scheduled send to stored (coordinated-omission aware)");
    }

    /** Usage of every process and the load when a phase starts; {@link #finish} waits for its posts and measures. */
    private final class Measurement {
        private final Map<String, ProcessUsage> before = usage();
        private final List<ServerUsage> serversBefore = servers();
        private final double machineBefore = ServerUsage.machineBusySeconds();
        private final String loadBefore = ProcessUsage.loadAverage();
        private final long startMicros = Clock.micros();
        private final long baseline;

        Measurement() throws Exception {
            pusher.reset();
            backlog.reset();
            baseline = stored.count();
        }

        Result finish(String prefix, long[] sent) throws Exception {
            long deadline = System.nanoTime() + settings.drainTimeout.toNanos();
            long expected = baseline + pusher.accepted();
            long count;
            while ((count = stored.count()) < expected && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long seenComplete = count >= expected ? Clock.micros() : 0;
            Map<String, ProcessUsage> after = usage();
            List<ServerUsage> serversAfter = servers();
            double machineBusy = ServerUsage.machineBusySeconds() - machineBefore;
            long measuredMicros = Clock.micros() - startMicros;
            String loadAfter = ProcessUsage.loadAverage();
            Map<String, Long> received = stored.receivedAt(SOURCE + ":" + INSTANCE + ":" + prefix + "-");
            Histogram latency = new Histogram(TimeUnit.HOURS.toMicros(2), 3);
            long firstSent = Long.MAX_VALUE;
            long lastStored = 0;
            for (long s : sent) {
                firstSent = Math.min(firstSent, s);
            }
            for (Map.Entry<String, Long> post : received.entrySet()) {
                String id = post.getKey();
                int seq = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
                latency.recordValue(Math.max(0, post.getValue() - sent[seq]));
                lastStored = Math.max(lastStored, post.getValue());
            }
            return new Result(sent.length, pusher.accepted(), pusher.unmatched(), pusher.lost(), received.size(),
                    firstSent, lastStored, seenComplete, latency, before, after, serversBefore, serversAfter,
                    machineBusy, measuredMicros, backlog.peak(),
                    loadBefore, loadAfter);
        }
    }

    /**
     * What a phase measured. {@code lastStored}: the latest {@code received_at}; {@code seenComplete}: when polling
     * the database first saw every accepted post (0: never), a check that received_at is close to the commit.
     */
    private record Result(int posts, int accepted, int unmatched, int lost, int stored, long firstSent, long lastStored,
            long seenComplete, Histogram latency, Map<String, ProcessUsage> before, Map<String, ProcessUsage> after,
            List<ServerUsage> serversBefore, List<ServerUsage> serversAfter, double machineBusySeconds,
            long measuredMicros, String peakBacklog, String loadBefore, String loadAfter) {

        String summary() {
            return String.format(Locale.ROOT, "p50 %.2f s, max %.2f s", latency.getValueAtPercentile(50) / 1e6,
                    latency.getMaxValue() / 1e6);
        }

        void print(String phase, String what) {
            if (stored < posts) {
                System.out.printf(Locale.ROOT, "bench %s: INCOMPLETE: %,d of %,d posts stored (%,d accepted, %,d unmatched, "
                        + "%,d refused or given up)%n", phase, stored, posts, accepted, unmatched, lost);
            }
            System.out.printf(Locale.ROOT, "bench %s: %s: p50 %s, p90 %s, p99 %s, p99.9 %s, max %s (%,d posts)%n", phase,
                    what, time(latency.getValueAtPercentile(50)), time(latency.getValueAtPercentile(90)),
                    time(latency.getValueAtPercentile(99)), time(latency.getValueAtPercentile(99.9)),
                    time(latency.getMaxValue()), latency.getTotalCount());
            if (seenComplete > 0) {
                System.out.printf(Locale.ROOT, "bench %s: every post seen stored by polling (every 100 ms) %.2f s after the "
                        + "last received_at%n", phase, seconds(lastStored, seenComplete));
            }
            double wall = measuredMicros / 1e6;
            StringBuilder cpu = new StringBuilder();
            for (String process : after.keySet()) {
                double seconds = after.get(process).cpuSecondsSince(before.get(process));
                cpu.append(String.format(Locale.ROOT, "%s%s %,.0f µs (%.2f cores)", cpu.length() == 0 ? "" : ", ",
                        process.replace("-service", ""), seconds * 1e6 / Math.max(1, stored), seconds / wall));
            }
            System.out.printf(Locale.ROOT, "bench %s: CPU per post stored (cores busy over the %.0f s of the phase): %s%n",
                    phase, wall, cpu);
            StringBuilder servers = new StringBuilder();
            for (int i = 0; i < serversAfter.size(); i++) {
                double seconds = serversAfter.get(i).cpuSecondsSince(serversBefore.get(i));
                servers.append(String.format(Locale.ROOT, "%s %,.0f µs (%.2f cores), ", serversAfter.get(i).command(),
                        seconds * 1e6 / Math.max(1, stored), seconds / wall));
            }
            System.out.printf(Locale.ROOT, "bench %s: servers' CPU per post: %swhole machine %,.0f µs (%.2f of %d cores)%n",
                    phase, servers, machineBusySeconds * 1e6 / Math.max(1, stored), machineBusySeconds / wall,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "bench %s: largest queue backlog (ready messages): %s%n", phase, peakBacklog);
            System.out.printf(Locale.ROOT, "bench %s: load average (1, 5, 15 min) before %s, after %s%n", phase,
                    loadBefore, loadAfter);
        }

        private static String time(long micros) {
            return micros < 10_000 ? String.format(Locale.ROOT, "%.1f ms", micros / 1e3)
                    : String.format(Locale.ROOT, "%.2f s", micros / 1e6);
        }
    }

    private void printPeakMemory() {
        StringBuilder memory = new StringBuilder();
        for (String module : SERVICES) {
            ProcessUsage usage = ProcessUsage.of(services.get(module).pid());
            memory.append(String.format(Locale.ROOT, "%s%s %,d MiB (now %,d MiB)", memory.length() == 0 ? "" : ", ",
                    module.replace("-service", ""), usage.peakRssKib() / 1024, usage.rssKib() / 1024));
        }
        System.out.printf("bench: peak RSS since start (VmHWM, -Xmx384m): %s%n", memory);
    }

    /** PostgreSQL's processes, RabbitMQ's Erlang VM, Redis. */
    private static List<ServerUsage> servers() {
        return List.of(ServerUsage.of("postgres"), ServerUsage.of("beam.smp"), ServerUsage.of("redis-server"));
    }

    /** User+system CPU of the three services and of this load generator. */
    private Map<String, ProcessUsage> usage() {
        Map<String, ProcessUsage> usage = new LinkedHashMap<>();
        for (String module : SERVICES) {
            usage.put(module, ProcessUsage.of(services.get(module).pid()));
        }
        usage.put("load generator", ProcessUsage.self());
        return usage;
    }

    /** {@code count} posts in conversations of three: ids {@code <prefix>-<seq>}, replies name the first post. */
    private static List<Pusher.Post> posts(String prefix, int count) {
        List<Pusher.Post> posts = new ArrayList<>(count);
        String createdAt = Instant.now().toString();
        for (int seq = 0; seq < count; seq++) {
            String id = prefix + "-" + seq;
            String root = prefix + "-" + (seq - seq % 3);
            String thread = seq % 3 == 0 ? "" : ",\"conversationId\":\"" + root + "\",\"inReplyTo\":\"" + root + "\"";
            int author = seq % 97;
            posts.add(new Pusher.Post(seq, ("{\"source\":\"%s\",\"instance\":\"%s\",\"nativeId\":\"%s\","
                    + "\"permalink\":\"https://%s/t/%s\",\"author\":{\"id\":\"u%d\",\"handle\":\"user%d\","
                    + "\"displayName\":\"User %d\"},\"text\":\"%s (ticket %d)\",\"createdAt\":\"%s\","
                    + "\"languageHint\":\"en\"%s}").formatted(SOURCE, INSTANCE, id, INSTANCE, id, author, author, author,
                            TEXTS[seq % TEXTS.length], seq, createdAt, thread)));
        }
        return posts;
    }

    private static List<List<Pusher.Post>> batches(List<Pusher.Post> posts, int size) {
        List<List<Pusher.Post>> batches = new ArrayList<>();
        for (int i = 0; i < posts.size(); i += size) {
            batches.add(posts.subList(i, Math.min(posts.size(), i + size)));
        }
        return batches;
    }

    private static double seconds(long fromMicros, long toMicros) {
        return (toMicros - fromMicros) / 1e6;
    }
}
