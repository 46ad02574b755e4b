package dev.earshot.listener.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.listener.rules.Rule;
import dev.earshot.listener.source.Feed;
import dev.earshot.listener.source.FetchedPage;
import dev.earshot.listener.source.PollingSource;
import io.smallrye.mutiny.Uni;

/**
 * A polling source whose feeds and pages a test scripts, to exercise the generic poller (back-off,
 * circuit, paging, isolation of instances). Switched off unless a test enables it; only polled on demand.
 */
@ApplicationScoped
public class ScriptedSource implements PollingSource {

    public static final String NAME = "scripted";

    /** Answers one fetch. */
    @FunctionalInterface
    public interface Script {
        Uni<FetchedPage> fetch(Feed feed, String storedCursor, String pageToken);
    }

    public static volatile boolean enabled;
    public static volatile List<Feed> feeds = List.of();
    public static volatile Script script;
    public static final AtomicInteger FETCHES = new AtomicInteger();

    public static void reset() {
        enabled = false;
        feeds = List.of();
        script = null;
        FETCHES.set(0);
    }

    public static Feed feed(String instance, String name) {
        return new Feed(NAME, instance, NAME + ":" + instance + ":" + name, name, List.of(), java.util.Map.of());
    }

    @Override
    public String source() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public Duration pollInterval() {
        return Duration.ZERO;
    }

    @Override
    public List<Feed> feeds(List<Rule> rules) {
        return feeds;
    }

    @Override
    public Uni<FetchedPage> fetch(Feed feed, String storedCursor, String pageToken) {
        FETCHES.incrementAndGet();
        return Uni.createFrom().deferred(() -> script.fetch(feed, storedCursor, pageToken));
    }
}
