package dev.earshot.response.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Load generator for response-service (run by bench/load.sh against the packaged service).
 *
 * <pre>
 * list  BASE TOKEN RATE SECONDS WARMUP   open model: requests start on a fixed schedule (RATE per
 *                                        second) whether or not earlier ones finished; latency is
 *                                        measured from the scheduled start, so a stall counts for
 *                                        every request it delays (no coordinated omission); the
 *                                        WARMUP seconds before run at half the rate and are not counted
 * claim BASE TOKEN CLAIMERS SECONDS      closed model: CLAIMERS agents call claim-next back to back
 * inbox BASE EMAIL PASSWORD COUNT        signs in to the web inbox with the form, then loads COUNT pages one
 *                                        after another (the queue page, its Unassigned tab, the P1 filter and a
 *                                        task page in turn) and prints each kind's time, which on the loopback
 *                                        is the service's time to render it
 * </pre>
 * The listing mix: 60 % the default queue's first page, 20 % a team's queue, 20 % a later page
 * (a cursor from pages 2 to 10), all with limit=50.
 */
public final class LoadGenerator {

    private static final Pattern NEXT_CURSOR = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");
    private static final String[] TEAMS = {"support", "product", "sales", "legal", "communications"};

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        // The JDK client keeps every idle keep-alive connection (unbounded by default) in a list it scans
        // linearly on each reuse: after a stall opened many connections, that scan was half of the
        // generator's CPU (JFR: ConnectionPool$ExpiryList.remove). Keep at most 64 idle ones.
        System.setProperty("jdk.httpclient.connectionPoolSize",
                System.getProperty("jdk.httpclient.connectionPoolSize", "64"));
        if (args.length < 1) {
            System.err.println("usage: list BASE TOKEN RATE SECONDS WARMUP | claim BASE TOKEN CLAIMERS SECONDS"
                    + " | inbox BASE EMAIL PASSWORD COUNT");
            System.exit(2);
        }
        switch (args[0]) {
            case "list" -> list(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            case "claim" -> claim(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "inbox" -> inbox(args[1], args[2], args[3], Integer.parseInt(args[4]));
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
    }

    static HttpClient client(ExecutorService executor) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(executor).build();
    }

    static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).GET().build();
    }

    /** Cursors of pages 2..10 of the default queue, so later pages are part of the mix. */
    static List<String> cursors(HttpClient client, String base, String token) throws IOException, InterruptedException {
        List<String> cursors = new ArrayList<>();
        String cursor = null;
        for (int page = 1; page < 10; page++) {
            String url = base + "/api/v1/tasks?limit=50" + (cursor == null ? "" : "&cursor=" + cursor);
            HttpResponse<String> r = client.send(get(url, token), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + r.statusCode() + ": " + r.body());
            }
            Matcher m = NEXT_CURSOR.matcher(r.body());
            if (!m.find()) {
                break;
            }
            cursor = m.group(1);
            cursors.add(cursor);
        }
        return cursors;
    }

    static String listUrl(String base, List<String> cursors) {
        int pick = ThreadLocalRandom.current().nextInt(100);
        if (pick < 60 || cursors.isEmpty()) {
            return base + "/api/v1/tasks?limit=50";
        }
        if (pick < 80) {
            return base + "/api/v1/tasks?limit=50&team=" + TEAMS[ThreadLocalRandom.current().nextInt(TEAMS.length)];
        }
        return base + "/api/v1/tasks?limit=50&cursor=" + cursors.get(ThreadLocalRandom.current().nextInt(cursors.size()));
    }

    static void list(String base, String token, int rate, int seconds, int warmup) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        HttpClient client = client(executor);
        List<String> cursors = cursors(client, base, token);
        System.out.printf(Locale.ROOT, "queue listing: %d requests/s for %d s after %d s warm-up at half the rate"
                + " (open model, limit=50)%n", rate, seconds, warmup);
        // the JIT compiles the hot paths during the warm-up; at full rate a cold JVM only builds a backlog
        run(client, base, token, Math.max(1, rate / 2), warmup, cursors, null);
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long[] outcome = run(client, base, token, rate, seconds, cursors, histogram);
        double toMs = 1e6;
        System.out.printf(Locale.ROOT,
                "queue listing: sent %d, ok %d, errors %d, achieved %.0f requests/s%n"
                        + "queue listing latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                outcome[0], outcome[1], outcome[2], outcome[1] / (double) seconds,
                histogram.getValueAtPercentile(50) / toMs, histogram.getValueAtPercentile(90) / toMs,
                histogram.getValueAtPercentile(99) / toMs, histogram.getValueAtPercentile(99.9) / toMs,
                histogram.getMaxValue() / toMs);
        executor.shutdownNow();
    }

    /** Sends {@code rate * seconds} requests on schedule; returns sent, ok, errors. */
    static long[] run(HttpClient client, String base, String token, int rate, int seconds, List<String> cursors,
            Histogram histogram) throws InterruptedException {
        long total = (long) rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch((int) total);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long intended = start + i * intervalNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            // the body is read to the end but not decoded: the generator shares the cores with the service
            client.sendAsync(get(listUrl(base, cursors), token), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> {
                        long latency = System.nanoTime() - intended;
                        recorder.recordValue(Math.min(latency, TimeUnit.SECONDS.toNanos(60)));
                        if (e == null && r.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                        done.countDown();
                    });
        }
        if (!done.await(seconds + 30L, TimeUnit.SECONDS)) {
            System.out.println("queue listing: some requests never finished");
        }
        if (histogram != null) {
            histogram.add(recorder.getIntervalHistogram());
        }
        return new long[] {total, ok.get(), errors.get() + done.getCount()};
    }

    static void claim(String base, String token, int claimers, int seconds) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(claimers);
        HttpClient client = client(Executors.newFixedThreadPool(4));
        Recorder recorder = new Recorder(3);
        AtomicLong claimed = new AtomicLong();
        AtomicLong empty = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int c = 0; c < claimers; c++) {
            running.add(executor.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/tasks/claim-next"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.noBody()).build();
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                        recorder.recordValue(System.nanoTime() - t0);
                        if (r.statusCode() == 200) {
                            claimed.incrementAndGet();
                        } else if (r.statusCode() == 204) {
                            empty.incrementAndGet();
                            return null;
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : running) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Histogram h = recorder.getIntervalHistogram();
        System.out.printf(Locale.ROOT,
                "claim-next: %d claimers for %.1f s: %d claims, %.0f claims/s, errors %d, queue empty %s%n"
                        + "claim-next latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
                claimers, elapsed, claimed.get(), claimed.get() / elapsed, errors.get(), empty.get() > 0 ? "yes" : "no",
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getMaxValue() / 1e6);
        executor.shutdownNow();
        System.exit(0);
    }

    private static final Pattern SESSION_COOKIE = Pattern.compile("earshot-inbox=([^;]+)");
    private static final Pattern TASK_ROW = Pattern.compile("data-id=\"(\\d+)\"");

    static void inbox(String base, String email, String password, int count) throws Exception {
        HttpClient client = client(Executors.newFixedThreadPool(2));
        String form = "username=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8)
                + "&password=" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<Void> signIn = client.send(HttpRequest.newBuilder(URI.create(base + "/inbox/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        String cookie = signIn.headers().allValues("Set-Cookie").stream().map(SESSION_COOKIE::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).findFirst()
                .orElseThrow(() -> new IllegalStateException("sign-in answered " + signIn.statusCode()
                        + " without a session cookie"));
        String[] kinds = {"/inbox", "/inbox?assignee=none", "/inbox?tier=P1", "task"};
        Histogram[] times = new Histogram[kinds.length];
        for (int k = 0; k < kinds.length; k++) {
            times[k] = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        }
        String taskId = null;
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            int k = i % kinds.length;
            String path = k == 3 ? "/inbox/tasks/" + taskId : kinds[k];
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", "earshot-inbox="
                    + cookie).timeout(Duration.ofSeconds(30)).GET().build();
            long t0 = System.nanoTime();
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - t0;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
            }
            if (k == 0) {
                Matcher m = TASK_ROW.matcher(r.body());
                if (!m.find()) {
                    throw new IllegalStateException("the inbox page lists no task");
                }
                taskId = m.group(1);
                bytes = r.body().length();
            }
            // the first quarter warms the JIT and is not counted
            if (i >= count / 4) {
                times[k].recordValue(Math.min(elapsed, TimeUnit.SECONDS.toNanos(60)));
            }
        }
        System.out.printf(Locale.ROOT, "inbox pages: %d loads one at a time (the first quarter not counted); the queue"
                + " page is %d characters%n", count, bytes);
        for (int k = 0; k < kinds.length; k++) {
            Histogram h = times[k];
            System.out.printf(Locale.ROOT, "inbox page %-22s ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
                    k == 3 ? "/inbox/tasks/{id}" : kinds[k], h.getValueAtPercentile(50) / 1e6,
                    h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
        }
        System.exit(0);
    }
}
