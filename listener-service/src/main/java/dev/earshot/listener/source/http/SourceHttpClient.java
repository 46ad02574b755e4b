package dev.earshot.listener.source.http;

import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.listener.source.SourceException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * The non-blocking HTTP client the platform connectors share (Vert.x core, so a connector can reach any
 * configured instance without a REST client per host). It reads the body up to a limit, bounds the whole
 * exchange by a timeout, and turns connection failures and timeouts into {@link SourceException.Upstream}
 * (status 0). Statuses are left to the connector: each platform says different things with them.
 */
@ApplicationScoped
public class SourceHttpClient {

    private final HttpClient client;

    public SourceHttpClient(Vertx vertx) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(5_000)
                .setDecompressionSupported(true)
                .setKeepAlive(true)
                .setMaxPoolSize(16));
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }

    public Uni<HttpResult> send(HttpCall call) {
        RequestOptions options = new RequestOptions()
                .setMethod(call.method())
                .setAbsoluteURI(call.uri())
                .setIdleTimeout(call.timeout().toMillis())
                // a redirect could carry a bearer token to another host: only anonymous GETs follow them
                .setFollowRedirects(call.method() == io.vertx.core.http.HttpMethod.GET
                        && !call.headers().containsKey("Authorization"));
        call.headers().forEach(options::putHeader);
        if (!call.headers().containsKey("Accept-Encoding")) {
            options.putHeader("Accept-Encoding", "gzip, deflate");
        }
        return client.request(options)
                .chain(request -> call.body() == null ? request.send() : request.send(call.body()))
                .chain(response -> readLimited(response, call))
                .ifNoItem().after(call.timeout()).failWith(() -> new TimeoutException(
                        "no complete answer from " + hostOf(call.uri()) + " within " + call.timeout()))
                .onFailure(failure -> !(failure instanceof SourceException)).transform(failure -> new SourceException.Upstream(
                        call.method() + " " + hostOf(call.uri()) + " failed: " + failure.getClass().getSimpleName()
                                + ": " + failure.getMessage(), 0, failure));
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
