package dev.earshot.listener.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script kept as a resource ({@code src/main/resources/lua/<name>.lua}, in the native image through
 * {@code quarkus.native.resources.includes}), read once and run by {@code EVALSHA}, so each call sends the
 * 40-character digest instead of the script. Redis answers {@code NOSCRIPT} when its script cache does not
 * hold the script (the first call, or after a Redis restart or {@code SCRIPT FLUSH}): the script is then
 * loaded with {@code SCRIPT LOAD} and the call repeated once. Dedup, feed leases and source admission use it.
 */
public final class LuaScript {

    /** Sends one Redis command; {@code ReactiveRedisDataSource::execute} in the service, a plain client in the benchmark. */
    @FunctionalInterface
    public interface Sender {
        Uni<Response> send(String command, String... args);
    }

    private final String name;
    private final String source;
    private final String sha1;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha1 = sha1(source);
    }

    /** The script {@code lua/<name>.lua} from the class path. */
    public static LuaScript load(String name) {
        String path = "lua/" + name + ".lua";
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + path);
            }
            return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** A script from its text (tests). */
    public static LuaScript of(String name, String source) {
        return new LuaScript(name, source);
    }

    public String name() {
        return name;
    }

    /** The digest Redis knows the script by. */
    public String sha1() {
        return sha1;
    }

    public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, List<String> args) {
        return run(redis::execute, keys, args);
    }

    public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, String... args) {
        return run(redis::execute, keys, List.of(args));
    }

    /** {@code EVALSHA}; on {@code NOSCRIPT}, {@code SCRIPT LOAD} and {@code EVALSHA} again. */
    public Uni<Response> run(Sender redis, List<String> keys, List<String> args) {
        String[] command = evalShaArguments(keys, args);
        return redis.send("EVALSHA", command)
                .onFailure(LuaScript::noScript).recoverWithUni(() -> redis.send("SCRIPT", "LOAD", source)
                        .chain(() -> redis.send("EVALSHA", command)));
    }

    private String[] evalShaArguments(List<String> keys, List<String> args) {
        List<String> command = new ArrayList<>(keys.size() + args.size() + 2);
        command.add(sha1);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(args);
        return command.toArray(String[]::new);
    }

    static boolean noScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
