package dev.earshot.listener.source.http;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.earshot.listener.config.SourcesConfig;
import dev.earshot.listener.source.SourceException;
import dev.earshot.web.net.AddressGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * The non-blocking HTTP client the platform connectors share (Vert.x core, so a connector can reach any
 * configured instance without a REST client per host). It reads the body up to a limit, bounds the whole
 * exchange by a timeout, and turns connection failures and timeouts into {@link SourceException.Upstream}
 * (status 0). Statuses are left to the connector: each platform says different things with them.
 * <p>
 * Redirects are followed here, by hand, and only for anonymous GETs (a redirect could carry a bearer token to
 * another host): at most {@link Redirects#MAX}, http(s) only. The configured URL is trusted as it is, and so is
 * its own host, but a redirect that leaves that host must pass the {@link AddressGuard} (every address the host
 * resolves to is public, unless {@code earshot.sources.allowed-redirect-hosts} exempts it), and the request goes
 * to the vetted address with the URL's Host and TLS name, so a second DNS answer cannot swap it. Anything else
 * fails the call with {@link SourceException.RedirectRefused}: a feed on the internet cannot send the listener to
 * the cloud metadata service or an internal address.
 */
@ApplicationScoped
public class SourceHttpClient {

    private final Vertx vertx;
    private final HttpClient client;
    private final AddressGuard guard;

    @Inject
    public SourceHttpClient(Vertx vertx, SourcesConfig sources) {
        this(vertx, new AddressGuard(sources.allowedRedirectHosts().orElse(List.of())));
    }

    SourceHttpClient(Vertx vertx, AddressGuard guard) {
        this.vertx = vertx;
        this.guard = guard;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(5_000)
                .setDecompressionSupported(true)
                .setKeepAlive(true)
                .setMaxPoolSize(16)
                .setMaxRedirects(0));
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }

    public Uni<HttpResult> send(HttpCall call) {
        boolean follow = call.method() == HttpMethod.GET
                && call.headers().keySet().stream().noneMatch("Authorization"::equalsIgnoreCase);
        return exchange(call, call.uri(), null)
                .chain(result -> follow ? followRedirects(call, call.uri(), result, 0) : Uni.createFrom().item(result))
                .ifNoItem().after(call.timeout()).failWith(() -> new TimeoutException(
                        "no complete answer from " + hostOf(call.uri()) + " within " + call.timeout()))
                .onFailure(failure -> !(failure instanceof SourceException)).transform(failure -> new SourceException.Upstream(
                        call.method() + " " + hostOf(call.uri()) + " failed: " + failure.getClass().getSimpleName()
                                + ": " + failure.getMessage(), 0, failure));
    }

    /** Follows {@code result} when it is a redirect that may be followed; fails the call when it may not. */
    private Uni<HttpResult> followRedirects(HttpCall call, String current, HttpResult result, int redirects) {
        String location = result.header("Location");
        if (!Redirects.isRedirect(result.status()) || location == null || location.isBlank()) {
            return Uni.createFrom().item(result);
        }
        String from = hostOf(current);
        if (redirects >= Redirects.MAX) {
            return Uni.createFrom().failure(new SourceException.RedirectRefused(
                    "redirect from " + from + " refused: more than " + Redirects.MAX + " redirects in a row"));
        }
        URI configured;
        URI next;
        try {
            configured = URI.create(call.uri());
            next = Redirects.resolve(URI.create(current), location);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new SourceException.RedirectRefused(
                    "redirect from " + from + " refused: " + e.getMessage()));
        }
        if (!Redirects.httpOrHttps(next)) {
            return Uni.createFrom().failure(new SourceException.RedirectRefused("redirect from " + from + " to a "
                    + next.getScheme() + " URL refused: only http and https are followed"));
        }
        String to = hostOf(next.toString());
        Uni<AddressGuard.Target> vetted = Redirects.sameHost(configured, next)
                ? Uni.createFrom().nullItem()
                : vertx.executeBlocking(() -> guard.check(next.toString()), false)
                        .onFailure(AddressGuard.RefusedException.class).transform(failure -> refused(from, to,
                                (AddressGuard.RefusedException) failure));
        return vetted.chain(target -> exchange(call, next.toString(), target))
                .chain(answer -> followRedirects(call, next.toString(), answer, redirects + 1));
    }

    private static SourceException refused(String from, String to, AddressGuard.RefusedException refusal) {
        String message = "redirect from " + from + " to " + to + (refusal.unresolved() ? " failed: " : " refused: ")
                + refusal.getMessage();
        // a name that does not resolve (now) may be a passing DNS failure: back off as for a connection failure
        return refusal.unresolved() ? new SourceException.Upstream(message, 0, null)
                : new SourceException.RedirectRefused(message);
    }

    /** One request: to {@code url} as Vert.x resolves it, or to the address the guard vetted when {@code target} is set. */
    private Uni<HttpResult> exchange(HttpCall call, String url, AddressGuard.Target target) {
        RequestOptions options = new RequestOptions()
                .setMethod(call.method())
                .setIdleTimeout(call.timeout().toMillis())
                .setFollowRedirects(false);
        if (target == null) {
            options.setAbsoluteURI(url);
        } else {
            // connect to the vetted address; Host header and TLS server name stay the URL's
            options.setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                    .setHost(target.host())
                    .setPort(target.port())
                    .setSsl(target.ssl())
                    .setURI(target.pathAndQuery());
        }
        call.headers().forEach(options::putHeader);
        if (!call.headers().containsKey("Accept-Encoding")) {
            options.putHeader("Accept-Encoding", "gzip, deflate");
        }
        return client.request(options)
                .chain(request -> call.body() == null ? request.send() : request.send(call.body()))
                .chain(response -> readLimited(response, call));
    }

    private static Uni<HttpResult> readLimited(HttpClientResponse response, HttpCall call) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(response.headers().getDelegate());
        String declared = headers.get("Content-Length");
        if (declared != null && parseLong(declared) > call.maxBodyBytes()) {
            response.request().reset();
            return Uni.createFrom().failure(tooLarge(call));
        }
        return response.toMulti()
                .collect().in(Buffer::buffer, (body, chunk) -> {
                    if (body.length() + chunk.length() > call.maxBodyBytes()) {
                        throw tooLarge(call);
                    }
                    body.appendBuffer(chunk);
                })
                .map(body -> new HttpResult(response.statusCode(), headers, body.getBytes()));
    }

    private static SourceException.InvalidPage tooLarge(HttpCall call) {
        return new SourceException.InvalidPage("the answer of " + hostOf(call.uri()) + " is larger than "
                + call.maxBodyBytes() + " bytes", null);
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Host (and port) of a URI, for messages that must not carry query strings with tokens. */
    public static String hostOf(String uri) {
        try {
            java.net.URI parsed = java.net.URI.create(uri);
            return parsed.getPort() < 0 ? parsed.getHost() : parsed.getHost() + ":" + parsed.getPort();
        } catch (IllegalArgumentException e) {
            return "an invalid URI";
        }
    }
}
