package dev.earshot.response.webhook.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.earshot.response.webhook.format.OutgoingMessage;
import dev.earshot.web.net.AddressGuard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * POSTs a message to a URL that the address guard accepts (checked after DNS resolution and on every
 * redirect). Never fails the Uni: every outcome is a {@link SendResult}.
 * <p>
 * The connection goes to the address the guard vetted ({@link RequestOptions#setServer}), while the
 * Host header and TLS server name stay those of the URL, so a DNS answer that changes between the
 * check and the connection (rebinding) cannot redirect the request.
 */
@ApplicationScoped
public class WebhookSender {

    static final String USER_AGENT = "Earshot-Webhooks/1";
    static final int MAX_REDIRECTS = 3;
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final AddressGuard guard;
    private final HttpClient client;
    private final Duration timeout;

    @Inject
    public WebhookSender(Vertx vertx, DeliveryConfig config) {
        this(vertx, new AddressGuard(config.allowedHosts().orElse(List.of())), config.timeout());
    }

    WebhookSender(Vertx vertx, AddressGuard guard, Duration timeout) {
        this(vertx, guard, timeout, new HttpClientOptions());
    }

    /** {@code options}: a base for the client's options, e.g. with a test's trust store. */
    WebhookSender(Vertx vertx, AddressGuard guard, Duration timeout, HttpClientOptions options) {
        this.guard = guard;
        this.timeout = timeout;
        this.client = vertx.createHttpClient(options
                .setConnectTimeout((int) timeout.toMillis())
                .setMaxPoolSize(16)
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setVerifyHost(true)
                .setMaxRedirects(0));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * Why the address guard refuses {@code url} (scheme, credentials, an ambiguous or non-public address, a metadata
     * service), or null when it may be called. A host that does not resolve (now) is not refused here: the guard
     * checks again on every send. DNS is resolved off the event loop, and the answer comes back on the caller's
     * Vert.x context, so a Hibernate Reactive session can follow.
     */
    public Uni<String> refusal(String url) {
        Context context = Vertx.currentContext();
        Uni<String> checked = Uni.createFrom().item(() -> {
            try {
                guard.check(url);
                return null;
            } catch (AddressGuard.RefusedException e) {
                return e.unresolved() ? null : e.getMessage();
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? checked : checked.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    public Uni<SendResult> send(String url, OutgoingMessage message) {
        long started = System.nanoTime();
        return hop(url, HttpMethod.POST, message, 0, started)
                .onFailure().recoverWithItem(e -> new SendResult(null, describe(e), null, null, elapsed(started)));
    }

    private Uni<SendResult> hop(String url, HttpMethod method, OutgoingMessage message, int redirects, long started) {
        return Uni.createFrom().item(() -> vet(url))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(vetted -> {
                    if (vetted.refusal() != null) {
                        return Uni.createFrom().item(SendResult.refused(vetted.refusal(), elapsed(started)));
                    }
                    return exchange(vetted.target(), method, message)
                            .flatMap(answer -> {
                                if (!REDIRECTS.contains(answer.status)) {
                                    Duration retryAfter = RetryAfter.parse(answer.retryAfter, answer.status,
                                            answer.body, Instant.now());
                                    return Uni.createFrom().item(new SendResult(answer.status, null, retryAfter,
                                            answer.body, elapsed(started)));
                                }
                                if (answer.location == null) {
                                    return Uni.createFrom().item(new SendResult(answer.status,
                                            "redirect without a Location", null, answer.body, elapsed(started)));
                                }
                                if (redirects >= MAX_REDIRECTS) {
                                    return Uni.createFrom().item(new SendResult(answer.status,
                                            "more than " + MAX_REDIRECTS + " redirects", null, answer.body,
                                            elapsed(started)));
                                }
                                String next;
                                try {
                                    next = vetted.target().uri().resolve(answer.location.strip()).toString();
                                } catch (IllegalArgumentException e) {
                                    return Uni.createFrom().item(new SendResult(answer.status,
                                            "redirect to an invalid Location", null, answer.body, elapsed(started)));
                                }
                                // 303 See Other asks for a GET; the others repeat the POST with its body.
                                HttpMethod nextMethod = answer.status == 303 ? HttpMethod.GET : method;
                                return hop(next, nextMethod, message, redirects + 1, started);
                            });
                });
    }

    private record Vetted(AddressGuard.Target target, String refusal) {
    }

    private Vetted vet(String url) {
        try {
            return new Vetted(guard.check(url), null);
        } catch (AddressGuard.RefusedException e) {
            return new Vetted(null, e.getMessage());
        }
    }

    /** An answer's status, the headers we use and at most {@link #MAX_BODY_BYTES} of its body. */
    private record Answer(int status, String location, String retryAfter, String body) {
    }

    private Uni<Answer> exchange(AddressGuard.Target target, HttpMethod method, OutgoingMessage message) {
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.ssl())
                .setURI(target.pathAndQuery())
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis())
                .setFollowRedirects(false)
                .putHeader("User-Agent", USER_AGENT);
        if (method == HttpMethod.POST) {
            for (Map.Entry<String, String> header : message.headers().entrySet()) {
                options.putHeader(header.getKey(), header.getValue());
            }
        }
        Promise<Answer> promise = Promise.promise();
        client.request(options).onComplete(requested -> {
            if (requested.failed()) {
                promise.tryFail(requested.cause());
                return;
            }
            var request = requested.result();
            request.exceptionHandler(promise::tryFail);
            var sent = method == HttpMethod.POST ? request.send(Buffer.buffer(message.body())) : request.send();
            sent.onFailure(promise::tryFail).onSuccess(response -> read(response, promise));
        });
        // The idle timeout bounds each wait; this bounds a receiver that trickles bytes forever.
        return Uni.createFrom().completionStage(promise.future().toCompletionStage())
                .ifNoItem().after(timeout.multipliedBy(3)).failWith(() -> new TimeoutException(
                        "no complete answer within " + timeout.multipliedBy(3).toSeconds() + "s"));
    }

    private static void read(HttpClientResponse response, Promise<Answer> promise) {
        Buffer body = Buffer.buffer();
        response.exceptionHandler(promise::tryFail);
        response.handler(chunk -> {
            int room = MAX_BODY_BYTES - body.length();
            if (room <= 0) {
                return;
            }
            body.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
            if (body.length() >= MAX_BODY_BYTES) {
                // Enough for the log: stop reading and drop the connection instead of draining the rest.
                promise.tryComplete(answer(response, body));
                response.request().reset();
            }
        });
        response.endHandler(v -> promise.tryComplete(answer(response, body)));
    }

    private static Answer answer(HttpClientResponse response, Buffer body) {
        return new Answer(response.statusCode(), response.getHeader("Location"), response.getHeader("Retry-After"),
                new String(body.getBytes(), StandardCharsets.UTF_8));
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String describe(Throwable e) {
        String kind = e instanceof TimeoutException
                || e.getClass().getSimpleName().contains("Timeout") ? "timeout" : "no answer";
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return kind + ": " + detail;
    }
}
