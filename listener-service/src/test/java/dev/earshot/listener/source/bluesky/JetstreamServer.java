package dev.earshot.listener.source.bluesky;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;

/**
 * A local stand-in for a Jetstream instance: {@code /subscribe} is the WebSocket the consumer connects to;
 * the test steers it over plain HTTP on the same port (so no object crosses class loaders):
 * {@code POST /play} sends each line of the body as one message to every open socket, {@code POST /close}
 * closes them, {@code GET /connections} lists the URIs the consumer connected with.
 */
public class JetstreamServer implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private HttpServer server;
    private final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> connections = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .requestHandler(request -> {
                    switch (request.path()) {
                        case "/subscribe" -> request.toWebSocket().onSuccess(this::accept)
                                .onFailure(failure -> request.response().setStatusCode(400).end());
                        case "/play" -> request.body().onSuccess(body -> {
                            for (String line : body.toString().split("\n")) {
                                if (!line.isBlank()) {
                                    sockets.forEach(ws -> ws.writeTextMessage(line));
                                }
                            }
                            request.response().end();
                        });
                        case "/close" -> {
                            sockets.forEach(ServerWebSocket::close);
                            request.response().end();
                        }
                        case "/connections" -> request.response().putHeader("Content-Type", "application/json")
                                .end(new JsonArray(List.copyOf(connections)).encode());
                        default -> {
                            System.err.println("jetstream stand-in: nothing at " + request.method() + " " + request.uri());
                            request.response().setStatusCode(404).end();
                        }
                    }
                });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the Jetstream stand-in did not start", e);
        }
        String base = "127.0.0.1:" + server.actualPort();
        return Map.of(
                "earshot.listener.bluesky.jetstream.enabled", "true",
                "earshot.listener.bluesky.jetstream.url", "ws://" + base + "/subscribe",
                "earshot.listener.bluesky.jetstream.batch-wait", "200ms",
                "earshot.listener.bluesky.jetstream.reconnect-min", "200ms",
                "earshot.listener.bluesky.jetstream.reconnect-max", "1s",
                "earshot.listener.rules.acme.query", "acme",
                "earshot.test.jetstream-control", "http://" + base);
    }

    private void accept(ServerWebSocket ws) {
        connections.add(ws.uri());
        sockets.add(ws);
        ws.closeHandler(ignored -> sockets.remove(ws));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
