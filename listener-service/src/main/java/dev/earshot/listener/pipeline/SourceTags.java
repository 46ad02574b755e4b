package dev.earshot.listener.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.listener.config.ListenerConfig;
import dev.earshot.listener.lease.FeedLeases;

/**
 * Bounds the (source, instance) pairs that get their own metric tags and status entries. Configured feeds
 * always do. Any other pair (pushed posts name their own source and instance) does while the source is one
 * of the first {@code earshot.listener.ingest.max-sources} such sources and the instance one of its first
 * {@code max-instances-per-source}; beyond, the post is counted under instance {@value #OTHER} of its
 * source, or under source and instance {@value #OTHER}. So no stranger can mint meters or status entries
 * without bound.
 */
@ApplicationScoped
public class SourceTags {

    /** The source or instance that stands for all those beyond the bounds. */
    public static final String OTHER = "other";

    /** The source and instance a post is counted under. */
    public record Tags(String source, String instance) {
    }

    private final FeedLeases leases;
    private final ListenerConfig.Ingest limits;
    private final Set<String> own = ConcurrentHashMap.newKeySet();
    /** Per source beyond the configured feeds: how many instances have their own meters. Guarded by this. */
    private final Map<String, Integer> instancesBySource = new HashMap<>();

    public SourceTags(FeedLeases leases, ListenerConfig config) {
        this.leases = leases;
        this.limits = config.ingest();
    }

    /** The tags of this replica's meters (decided in memory, first come first served). */
    public Tags forMeters(String source, String instance) {
        String key = source + "|" + instance;
        if (own.contains(key)) {
            return new Tags(source, instance);
        }
        if (configured(source, instance)) {
            own.add(key);
            return new Tags(source, instance);
        }
        synchronized (this) {
            if (own.contains(key)) {
                return new Tags(source, instance);
            }
            Integer instances = instancesBySource.get(source);
            if (instances == null && instancesBySource.size() >= limits.maxSources()) {
                return new Tags(OTHER, OTHER);
            }
            int count = instances == null ? 0 : instances;
            if (count >= limits.maxInstancesPerSource()) {
                return new Tags(source, OTHER);
            }
            instancesBySource.put(source, count + 1);
            own.add(key);
            return new Tags(source, instance);
        }
    }

    /** Whether a feed this service is configured to read has this source and instance. */
    public boolean configured(String source, String instance) {
        return leases.wantedFeeds().values().stream()
                .anyMatch(feed -> feed.source().equals(source) && feed.instance().equals(instance));
    }

    public int maxSources() {
        return limits.maxSources();
    }

    public int maxInstancesPerSource() {
        return limits.maxInstancesPerSource();
    }
}
