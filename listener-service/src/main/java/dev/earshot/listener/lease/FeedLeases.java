package dev.earshot.listener.lease;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.earshot.listener.config.ListenerConfig;
import dev.earshot.listener.source.Feed;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import dev.earshot.listener.redis.LuaScript;

/**
 * Shares the feeds among the running listener replicas through Redis, so that no feed is read by two of
 * them. Every replica heartbeats into the sorted set {@code earshot:replicas} (score: when its heartbeat
 * expires, in Redis server time) and owns a feed while it holds the lease {@code earshot:lease:feed:<feedKey>}
 * (value: its replica id, with a TTL). Leases are taken with {@code SET NX PX}; renewing and releasing are
 * compare-and-set scripts, so a replica never extends or deletes another's lease.
 *
 * <p>Every {@code renew-every} a round renews what this replica holds, heartbeats (recording how many leases
 * it holds in the hash {@code earshot:replica-leases}), releases what it no longer wants and, with
 * {@code W} wanted feeds and {@code R} live replicas, keeps at most {@code ceil(W/R)}, or {@code floor(W/R)}
 * while some replica holds fewer than that: a surplus is released (so a replica that joins gets its share)
 * and free feeds are taken up to the share. Each
 * replica prefers feeds in its own order (a hash of replica id and feed key), so replicas rarely race for the
 * same feed and a feed tends to stay with its owner. A replica that stops releases its leases; one that
 * crashes lets them and its heartbeat expire, and the others take its feeds within TTL plus one round. A
 * lease whose feed is being polled is never given up mid-poll: the round marks it as handed over, so it is
 * not polled again, and it is released as soon as that poll ends (with polls as frequent as rounds, waiting
 * for a round that finds the feed idle could keep a joining replica waiting indefinitely).
 */
@ApplicationScoped
public class FeedLeases {

    public static final String KEY_PREFIX = "earshot:";

    /**
     * KEYS: the replica set, the hash of leases held per replica. ARGV: replica id, ttl ms, leases held. Drops
     * expired replicas; answers the number of live replicas (this one included) and the fewest leases any of
     * them holds.
     */
    private static final LuaScript HEARTBEAT = LuaScript.load("lease-heartbeat");

    /**
     * Extends each lease this replica holds; a lease that expired and that nobody took meanwhile is taken
     * again (it is still free, so no one else loses it). Answers 1 per key kept, 0 per key another holds.
     */
    private static final LuaScript RENEW = LuaScript.load("lease-renew");

    /** Deletes each lease only where this replica holds it. Answers how many were deleted. */
    private static final LuaScript RELEASE = LuaScript.load("lease-release");

    /**
     * Takes free leases in the given order until ARGV[3] are taken. Answers per key the owner after the
     * attempt (this replica's id where taken or already held), or false where the list was not reached.
     */
    private static final LuaScript ACQUIRE = LuaScript.load("lease-acquire");

    /** Who polls a feed, as a manual poll asks before it starts. */
    public record Ownership(boolean mine, String owner) {
    }

    private final ReactiveRedisDataSource redis;
    private final Duration ttl;
    private final String replicaId;
    private final String replicasKey;
    private final String loadsKey;
    private final String leasePrefix;
    /** Wanted feeds by key, by the component that reads them (the poller, the Jetstream consumer). */
    private final Map<String, Map<String, Feed>> wantedBy = new ConcurrentHashMap<>();
    /** Held feed keys with the local time (ms) until which the lease is surely still ours. */
    private final Map<String, Long> held = new ConcurrentHashMap<>();
    private final Map<String, Integer> inUse = new ConcurrentHashMap<>();
    /** Held feeds this replica gives up once their running poll ends; no longer polled here. */
    private final Set<String> handingOver = ConcurrentHashMap.newKeySet();
    private CompletableFuture<Void> inFlight;
    private volatile Instant lastHeartbeat;
    private volatile long liveReplicas;
    private volatile String lastError;
    private volatile boolean stopping;

    @jakarta.inject.Inject
    public FeedLeases(ReactiveRedisDataSource redis, ListenerConfig config) {
        this(redis, config.leases().ttl(), config.replicaId().filter(id -> !id.isBlank()).map(String::strip)
                .orElseGet(FeedLeases::defaultReplicaId), KEY_PREFIX);
    }

    /** {@code keyPrefix} scopes the keys ({@code <prefix>replicas}, {@code <prefix>lease:feed:<feedKey>}). */
    FeedLeases(ReactiveRedisDataSource redis, Duration ttl, String replicaId, String keyPrefix) {
        this.redis = redis;
        this.ttl = ttl;
        this.replicaId = replicaId;
        this.replicasKey = keyPrefix + "replicas";
        this.loadsKey = keyPrefix + "replica-leases";
        this.leasePrefix = keyPrefix + "lease:feed:";
    }

    static String defaultReplicaId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "listener");
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String leaseKey(String feedKey) {
        return leasePrefix + feedKey;
    }

    public String replicaId() {
        return replicaId;
    }

    void onStart(@Observes StartupEvent event) {
        Log.infof("feed leases: this replica is %s (lease TTL %s)", replicaId, ttl);
        runRound();
    }

    /** Releases every lease and leaves the replica set, so the other replicas take over at once. */
    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Stops the rounds, releases every lease held and leaves the replica set. */
    void stop() {
        stopping = true;
        List<String> mine = new ArrayList<>(held.keySet());
        held.clear();
        handingOver.clear();
        try {
            release(mine).chain(() -> redis.sortedSet(String.class).zrem(replicasKey, replicaId))
                    .chain(() -> redis.hash(String.class).hdel(loadsKey, replicaId))
                    .await().atMost(Duration.ofSeconds(5));
            Log.infof("feed leases: released %d leases on shutdown", mine.size());
        } catch (RuntimeException e) {
            Log.warnf("feed leases: releasing on shutdown failed (they expire within %s): %s", ttl, e.getMessage());
        }
    }

    /**
     * Declares the feeds a component wants read now (replacing what it declared before). New feeds start a
     * round at once instead of waiting for the next one.
     */
    public void want(String component, Collection<Feed> feeds) {
        Map<String, Feed> byKey = new HashMap<>();
        feeds.forEach(feed -> byKey.put(feed.key(), feed));
        Map<String, Feed> previous = wantedBy.put(component, Map.copyOf(byKey));
        if (previous == null || !previous.keySet().containsAll(byKey.keySet())) {
            runRound();
        }
    }

    /** Every feed key wanted by this replica's components. */
    public Set<String> wanted() {
        return new TreeSet<>(wantedFeeds().keySet());
    }

    /** Every feed wanted by this replica's components, by key. */
    public Map<String, Feed> wantedFeeds() {
        Map<String, Feed> all = new HashMap<>();
        wantedBy.values().forEach(all::putAll);
        return all;
    }

    /** Whether this replica holds the feed's lease (and has renewed it recently enough to be sure). */
    public boolean holds(String feedKey) {
        Long until = held.get(feedKey);
        return until != null && until > System.currentTimeMillis() && !handingOver.contains(feedKey);
    }

    /** The feeds this replica holds, sorted. */
    public Set<String> held() {
        Set<String> mine = new TreeSet<>();
        held.keySet().forEach(key -> {
            if (holds(key)) {
                mine.add(key);
            }
        });
        return mine;
    }

    /**
     * Marks a feed as being polled: its lease is not released before {@link #donePolling(String)}. Answers
     * whether this replica holds (or now took) the lease, and otherwise who holds it. Used by the poller
     * before every poll, scheduled or manual.
     */
    public Uni<Ownership> startPolling(String feedKey) {
        inUse.merge(feedKey, 1, Integer::sum);
        long sentAt = System.currentTimeMillis();
        // asked of Redis every time, not of what this replica believes: the lease is the only truth
        return ACQUIRE.run(redis, List.of(leaseKey(feedKey)), replicaId, Long.toString(ttl.toMillis()), "1")
                .map(response -> {
                    String owner = response.get(0) == null ? null : response.get(0).toString();
                    boolean mine = replicaId.equals(owner);
                    if (mine) {
                        held.putIfAbsent(feedKey, sentAt + ttl.toMillis());
                    } else {
                        if (held.remove(feedKey) != null) {
                            Log.warnf("feed leases: %s is held by %s now", feedKey, owner);
                        }
                        donePolling(feedKey);
                    }
                    return new Ownership(mine, owner);
                })
                .onFailure().invoke(failure -> donePolling(feedKey));
    }

    /** The poll of a feed marked with {@link #startPolling(String)} ended; a feed handed over is released now. */
    public void donePolling(String feedKey) {
        inUse.computeIfPresent(feedKey, (key, count) -> count <= 1 ? null : count - 1);
        if (!inUse.containsKey(feedKey) && handingOver.remove(feedKey)) {
            held.remove(feedKey);
            release(List.of(feedKey)).subscribe().with(
                    done -> Log.infof("feed leases: released %s after its poll", feedKey),
                    failure -> Log.warnf("feed leases: releasing %s after its poll failed (it lapses within %s): %s",
                            feedKey, ttl, failure.getMessage()));
        }
    }

    /** The owner of each feed's lease (null where free), in one round trip. */
    public Uni<Map<String, String>> owners(List<String> feedKeys) {
        if (feedKeys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return redis.value(String.class).mget(feedKeys.stream().map(this::leaseKey).toArray(String[]::new))
                .map(values -> {
                    Map<String, String> owners = new HashMap<>();
                    feedKeys.forEach(key -> owners.put(key, values.get(leaseKey(key))));
                    return owners;
                });
    }

    /** When the last heartbeat was written, or null before the first. */
    public Instant lastHeartbeat() {
        return lastHeartbeat;
    }

    /** Live replicas as counted by the last heartbeat. */
    public long liveReplicas() {
        return liveReplicas;
    }

    /** Why the last round failed, or null when it succeeded. */
    public String lastError() {
        return lastError;
    }

    public Duration ttl() {
        return ttl;
    }

    @Scheduled(identity = "feed-leases", every = "${earshot.listener.leases.renew-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRound() {
        runRound();
    }

    /** Starts a round unless one is running; completes (never exceptionally) when that round ended. */
    synchronized CompletableFuture<Void> runRound() {
        if (stopping) {
            return CompletableFuture.completedFuture(null);
        }
        if (inFlight == null || inFlight.isDone()) {
            inFlight = round().invoke(() -> lastError = null).onFailure().recoverWithItem(failure -> {
                lastError = failure.getMessage();
                Log.warnf("feed leases: round failed (held leases stay usable until they lapse): %s",
                        failure.getMessage());
                return null;
            }).subscribeAsCompletionStage();
        }
        return inFlight;
    }

    /** One round: heartbeat, renew, release what is not wanted or above the fair share, take free feeds. */
    private Uni<Void> round() {
        long sentAt = System.currentTimeMillis();
        String ttlMillis = Long.toString(ttl.toMillis());
        Set<String> wanted = wanted();
        long[] fewestHeld = new long[1];
        // renewing before the heartbeat makes the heartbeat outlive the leases: when the others see a crashed
        // replica gone, its leases have lapsed too, and they take all of its feeds in that round
        return renew(sentAt).chain(() -> HEARTBEAT.run(redis, List.of(replicasKey, loadsKey), replicaId, ttlMillis,
                Integer.toString(held.size()))).invoke(counts -> {
                    lastHeartbeat = Instant.ofEpochMilli(sentAt);
                    liveReplicas = Math.max(1, counts.get(0).toLong());
                    fewestHeld[0] = counts.get(1).toLong();
                }).chain(() -> {
            List<String> unwanted = held.keySet().stream()
                    .filter(key -> !wanted.contains(key) && !handingOver.contains(key)).toList();
            // at most ceil(W/R) each; while some replica holds fewer than floor(W/R), at most floor(W/R), so
            // that the last to join is not left with a remainder
            long floor = wanted.size() / liveReplicas;
            int share = (int) (fewestHeld[0] < floor ? floor : Math.ceil(wanted.size() / (double) liveReplicas));
            List<String> kept = held.keySet().stream().filter(key -> wanted.contains(key) && !handingOver.contains(key))
                    .sorted(preference()).toList();
            List<String> surplus = kept.subList(Math.min(kept.size(), Math.max(0, share)), kept.size());
            if (!surplus.isEmpty()) {
                Log.infof("feed leases: %d live replicas, share %d of %d feeds: releasing %s", liveReplicas, share,
                        wanted.size(), surplus);
            }
            List<String> toRelease = new ArrayList<>();
            for (String key : Stream.concat(unwanted.stream(), surplus.stream()).toList()) {
                if (inUse.containsKey(key)) {
                    handingOver.add(key); // released by donePolling
                    if (!inUse.containsKey(key) && handingOver.remove(key)) {
                        toRelease.add(key); // the poll ended meanwhile
                    }
                } else {
                    toRelease.add(key);
                }
            }
            toRelease.forEach(held::remove);
            int room = share - (kept.size() - surplus.size());
            return release(toRelease).chain(() -> acquire(wanted, room, sentAt));
        });
    }

    private Uni<Void> renew(long sentAt) {
        List<String> mine = new ArrayList<>(held.keySet());
        if (mine.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return RENEW.run(redis, mine.stream().map(this::leaseKey).toList(), replicaId,
                Long.toString(ttl.toMillis())).invoke(kept -> {
                    for (int i = 0; i < mine.size(); i++) {
                        if (kept.get(i).toInteger() == 1) {
                            held.computeIfPresent(mine.get(i), (key, until) -> sentAt + ttl.toMillis());
                        } else {
                            Log.warnf("feed leases: lost %s to another replica", mine.get(i));
                            held.remove(mine.get(i));
                        }
                    }
                }).replaceWithVoid();
    }

    private Uni<Void> release(List<String> feedKeys) {
        if (feedKeys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return RELEASE.run(redis, feedKeys.stream().map(this::leaseKey).toList(), replicaId).replaceWithVoid();
    }

    private Uni<Void> acquire(Set<String> wanted, int room, long sentAt) {
        List<String> candidates = wanted.stream().filter(key -> !held.containsKey(key)).sorted(preference()).toList();
        if (room <= 0 || candidates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return ACQUIRE.run(redis, candidates.stream().map(this::leaseKey).toList(), replicaId,
                Long.toString(ttl.toMillis()), Integer.toString(room)).invoke(owners -> {
                    List<String> taken = new ArrayList<>();
                    for (int i = 0; i < candidates.size(); i++) {
                        Response owner = owners.get(i);
                        if (owner != null && replicaId.equals(owner.toString())) {
                            held.put(candidates.get(i), sentAt + ttl.toMillis());
                            taken.add(candidates.get(i));
                        }
                    }
                    if (!taken.isEmpty()) {
                        Log.infof("feed leases: took %s", taken);
                    }
                }).replaceWithVoid();
    }

    /** This replica's order of preference among feeds (rendezvous hashing: each replica has its own). */
    private Comparator<String> preference() {
        return Comparator.comparingLong((String key) -> mix(replicaId + "\n" + key)).thenComparing(key -> key);
    }

    private static long mix(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }
}
