package dev.earshot.listener.source;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;


import dev.earshot.listener.config.ListenerConfig;
import dev.earshot.listener.lease.FeedLeases;
import dev.earshot.listener.model.Mention;
import dev.earshot.listener.model.PollSummary;
import dev.earshot.listener.rules.Rule;
import dev.earshot.listener.pipeline.DeadLetterStore;
import dev.earshot.listener.pipeline.ListenerMetrics;
import dev.earshot.listener.pipeline.MentionPipeline;
import dev.earshot.listener.rules.RuleStore;
import dev.earshot.listener.pipeline.SourceStateStore;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Polls every enabled {@link PollingSource} bean. Each feed runs on its own schedule (the source's poll
 * interval, the first run spread over a part of it by a stable per-feed offset so feeds do not fire
 * together) as an independent chain with a "poll in progress" guard, so a slow or failing feed never
 * delays the others. A feed pages through {@link PollingSource#fetch} up to a configured number of pages
 * per poll; each page's posts go through {@link MentionIngest} (unreadable ones to the dead letters) and
 * the page's cursor is stored only when all of its publishes succeeded.
 *
 * <p>Back-off is per source and instance, in Redis (so restarts and replicas honour it): a 429 waits
 * for {@code Retry-After} (or a default), a rate-limit budget at 0 until its reset, 401/403 a long
 * configured time, and errors (5xx, timeouts, invalid pages) exponentially; after a threshold of
 * consecutive failures the instance's circuit opens for a longer time, and the first poll after it is
 * the trial that closes it again.
 *
 * <p>With several replicas each feed is read by one of them: a replica polls a feed only while it holds the
 * feed's lease ({@link FeedLeases}); the scheduled feeds are what this replica asks the leases for, and a
 * manual poll skips (and reports) the feeds another replica holds.
 */
@ApplicationScoped
public class SourcePoller {

    private final Instance<PollingSource> sourceBeans;
    private final ListenerConfig config;
    private final RuleStore rules;
    private final MentionPipeline pipeline;
    private final SourceStateStore state;
    private final DeadLetterStore deadLetters;
    private final ListenerMetrics metrics;
    private final FeedLeases leases;
    private final Map<String, Instant> nextDue = new ConcurrentHashMap<>();
    private final Set<String> feedsInProgress = ConcurrentHashMap.newKeySet();
    private final Set<String> manualPolls = ConcurrentHashMap.newKeySet();
    private volatile Map<String, PollingSource> sources;
    private volatile boolean stopping;

    public SourcePoller(@Any Instance<PollingSource> sourceBeans, ListenerConfig config, RuleStore rules,
            MentionPipeline pipeline, SourceStateStore state, DeadLetterStore deadLetters, ListenerMetrics metrics,
            FeedLeases leases) {
        this.sourceBeans = sourceBeans;
        this.config = config;
        this.rules = rules;
        this.pipeline = pipeline;
        this.state = state;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.leases = leases;
    }

    void onStop(@jakarta.enterprise.event.Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Every polling source bean by name (enabled or not), sorted. */
    public Map<String, PollingSource> sources() {
        Map<String, PollingSource> known = sources;
        if (known == null) {
            Map<String, PollingSource> found = new TreeMap<>();
            for (PollingSource source : sourceBeans) {
                found.put(source.source(), source);
            }
            known = Map.copyOf(found);
            sources = known;
        }
        return known;
    }

    @Scheduled(identity = "source-poller", every = "${earshot.listener.poller.tick}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        return rules.index().invoke(index -> {
            Instant now = Instant.now();
            List<Feed> scheduled = new ArrayList<>();
            for (PollingSource source : sources().values()) {
                Duration interval = source.pollInterval();
                if (!source.enabled() || interval == null || interval.isZero() || interval.isNegative()) {
                    continue;
                }
                List<Feed> feeds;
                try {
                    feeds = source.feeds(rulesFor(source.source(), index.rules()));
                } catch (RuntimeException e) {
                    Log.errorf(e, "%s: could not build its feeds", source.source());
                    continue;
                }
                for (Feed feed : feeds) {
                    scheduled.add(feed);
                    Instant due = nextDue.computeIfAbsent(feed.key(), key -> now.plus(firstOffset(key, interval)));
                    if (!due.isAfter(now) && leases.holds(feed.key()) && feedsInProgress.add(feed.key())) {
                        nextDue.put(feed.key(), now.plus(interval));
                        pollIfMine(source, feed)
                                .call(result -> result.skipped ? Uni.createFrom().voidItem()
                                        : recordInstance(source.source(), feed.instance(), List.of(result)))
                                .eventually(() -> feedsInProgress.remove(feed.key()))
                                .subscribe().with(result -> Log.debugf(
                                        "%s: feed %s: fetched %d, published %d, duplicates %d, rejected %d%s",
                                        source.source(), feed.key(), result.fetched, result.published,
                                        result.duplicates, result.rejected,
                                        result.error == null ? "" : ", error " + result.error), failure -> Log.errorf(failure, "%s: feed %s: poll failed", source.source(),
                                        feed.key()));
                    }
                }
            }
            leases.want("poller", scheduled);
        }).replaceWithVoid().onFailure().recoverWithItem(failure -> {
            Log.errorf("source poller: could not read the rules: %s", failure.getMessage());
            return null;
        });
    }

    /** A stable offset within {@code spread} of the interval, so feeds start apart and keep their rhythm. */
    Duration firstOffset(String feedKey, Duration interval) {
        long window = (long) (interval.toMillis() * Math.max(0, Math.min(1, config.poller().spread())));
        return window <= 0 ? Duration.ZERO : Duration.ofMillis(Math.floorMod(feedKey.hashCode() * 2654435761L, window));
    }

    static List<Rule> rulesFor(String source, List<Rule> rules) {
        return rules.stream().filter(rule -> rule.appliesTo(source)).toList();
    }

    /**
     * Polls every feed of a source now: the feeds of one instance one after the other (a back-off one of
     * them causes stops the rest), different instances concurrently. Fails with
     * {@link UnknownSourceException} or {@link PollInProgressException}.
     */
    public Uni<PollSummary> pollNow(String sourceName) {
        PollingSource source = sources().get(sourceName);
        if (source == null) {
            return Uni.createFrom().failure(new UnknownSourceException(sourceName));
        }
        if (!source.enabled()) {
            return Uni.createFrom().item(new PollSummary(sourceName, "disabled", 0, 0, 0, 0, null,
                    sourceName + " is switched off in the configuration", 0, 0, 0, 0, leases.replicaId()));
        }
        if (!manualPolls.add(sourceName)) {
            return Uni.createFrom().failure(new PollInProgressException(sourceName));
        }
        return Uni.createFrom().deferred(() -> rules.index().chain(index -> {
            List<Feed> feeds = new ArrayList<>(source.feeds(rulesFor(sourceName, index.rules())));
            feeds.sort(Comparator.comparing(Feed::key));
            Map<String, List<Feed>> byInstance = new LinkedHashMap<>();
            feeds.forEach(feed -> byInstance.computeIfAbsent(feed.instance(), i -> new ArrayList<>()).add(feed));
            return Multi.createFrom().iterable(byInstance.entrySet())
                    .onItem().transformToUni(entry -> pollInstance(source, entry.getKey(), entry.getValue()))
                    .merge(4).collect().asList()
                    .map(perInstance -> summarise(sourceName, perInstance.stream().flatMap(List::stream).toList(),
                            leases.replicaId()));
        })).eventually(() -> manualPolls.remove(sourceName));
    }

    private Uni<List<FeedResult>> pollInstance(PollingSource source, String instance, List<Feed> feeds) {
        List<FeedResult> results = new ArrayList<>();
        return Multi.createFrom().iterable(feeds).onItem().transformToUniAndConcatenate(feed -> {
            if (!feedsInProgress.add(feed.key())) {
                Log.infof("%s: feed %s is being polled already, skipped", source.source(), feed.key());
                return Uni.createFrom().voidItem();
            }
            return pollIfMine(source, feed)
                    .invoke(results::add).eventually(() -> feedsInProgress.remove(feed.key()))
                    .replaceWithVoid();
        }).collect().last().chain(() -> {
            List<FeedResult> polled = results.stream().filter(r -> !r.skipped).toList();
            return polled.isEmpty() ? Uni.createFrom().voidItem() : recordInstance(source.source(), instance, polled);
        }).map(ignored -> results);
    }

    /** Polls the feed if this replica holds (or can take) its lease; otherwise a skipped result naming the holder. */
    private Uni<FeedResult> pollIfMine(PollingSource source, Feed feed) {
        return leases.startPolling(feed.key()).chain(ownership -> {
            if (ownership.mine()) {
                return pollFeed(source, feed).eventually(() -> leases.donePolling(feed.key()));
            }
            FeedResult result = new FeedResult();
            result.skipped = true;
            result.heldBy = ownership.owner();
            return Uni.createFrom().item(result);
        });
    }

    private Uni<Void> recordInstance(String source, String instance, List<FeedResult> results) {
        int published = results.stream().mapToInt(r -> r.published).sum();
        String error = results.stream().map(r -> r.error).filter(e -> e != null).reduce((a, b) -> b).orElse(null);
        Instant newest = results.stream().map(r -> r.newestPostAt).filter(n -> n != null).max(Comparator.naturalOrder())
                .orElse(null);
        return state.recordPoll(source, instance, Instant.now(), published, error, newest);
    }

    /** Polls one feed: pages, ingest, cursor after each fully published page, back-off on failure. */
    Uni<FeedResult> pollFeed(PollingSource source, Feed feed) {
        String name = source.source();
        FeedResult result = new FeedResult();
        return state.backoffUntil(name, feed.instance()).chain(until -> {
            if (until != null && until.isAfter(Instant.now())) {
                result.skipped = true;
                result.backingOffUntil = until;
                return Uni.createFrom().item(result);
            }
            return state.cursor(feed.key())
                    .chain(cursor -> fetchPages(source, feed, cursor, null, 0, result))
                    .chain(() -> result.error == null ? succeeded(name, feed.instance()) : Uni.createFrom().voidItem())
                    .replaceWith(result)
                    .onFailure().recoverWithUni(failure -> failed(name, feed, failure, result));
        });
    }

    private Uni<Void> fetchPages(PollingSource source, Feed feed, String storedCursor, String pageToken, int pagesRead,
            FeedResult result) {
        return source.fetch(feed, storedCursor, pageToken)
                .ifNoItem().after(config.poller().fetchTimeout())
                .failWith(() -> new SourceException.Upstream("no answer within " + config.poller().fetchTimeout(), 0,
                        new TimeoutException()))
                .chain(page -> readPage(source.source(), feed, page, result).chain(() -> {
                    if (result.error != null || result.pending > 0) {
                        if (result.pending > 0) {
                            Log.infof("%s: feed %s: %d posts are being published elsewhere; the cursor stays for the "
                                    + "next poll", source.source(), feed.key(), result.pending);
                        }
                        return Uni.createFrom().voidItem();
                    }
                    Uni<Void> store = page.cursorAfter() == null ? Uni.createFrom().voidItem()
                            : state.setCursor(feed.key(), page.cursorAfter());
                    return store.chain(() -> {
                        FetchedPage.RateLimit limit = page.rateLimit();
                        if (limit != null && limit.remaining() != null && limit.remaining() <= 0
                                && limit.resetAt() != null && limit.resetAt().isAfter(Instant.now())) {
                            Log.infof("%s: %s: rate-limit budget spent, pausing until %s", source.source(),
                                    feed.instance(), limit.resetAt());
                            result.backingOffUntil = limit.resetAt();
                            return state.backOff(source.source(), feed.instance(), limit.resetAt(), "rate-limit");
                        }
                        if (page.nextPageToken() != null && pagesRead + 1 < config.poller().maxPagesPerPoll()
                                && !stopping) {
                            return fetchPages(source, feed, storedCursor, page.nextPageToken(), pagesRead + 1, result);
                        }
                        return Uni.createFrom().voidItem();
                    });
                }));
    }

    private Uni<Void> readPage(String source, Feed feed, FetchedPage page, FeedResult result) {
        int read = page.mentions().size() + page.rejected().size();
        result.fetched += read;
        metrics.fetched(source, feed.instance(), read);
        for (Mention mention : page.mentions()) {
            if (mention.createdAt() != null
                    && (result.newestPostAt == null || mention.createdAt().isAfter(result.newestPostAt))) {
                result.newestPostAt = mention.createdAt();
            }
        }
        if (result.newestPostAt != null) {
            metrics.newestPost(source, feed.instance(), result.newestPostAt);
        }
        Uni<Void> rejections = Multi.createFrom().iterable(page.rejected()).onItem().transformToUniAndConcatenate(r -> {
            result.rejected++;
            metrics.rejected(source, feed.instance());
            Log.warnf("%s: feed %s: unreadable post dead-lettered (%s)", source, feed.key(), r.reason());
            return deadLetters.add(source, r.reason(), r.raw(), Instant.now()).replaceWithVoid();
        }).collect().last().replaceWithVoid();
        return rejections.chain(() -> pipeline.process(page.mentions())).invoke(outcomes -> {
            for (MentionPipeline.Outcome outcome : outcomes) {
                switch (outcome.status()) {
                    case published -> {
                        result.published++;
                        if (outcome.nearDuplicateOf() != null) {
                            result.nearDuplicates++;
                        }
                    }
                    case duplicate -> result.duplicates++;
                    case unmatched -> result.unmatched++;
                    case pending -> result.pending++;
                    case failed -> {
                        result.publishFailed = true;
                        result.error = outcome.id() + ": " + outcome.error();
                    }
                }
            }
            if (result.publishFailed) {
                metrics.pollFailed(source, feed.instance(), "publish");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> succeeded(String source, String instance) {
        return state.resetFailures(source, instance);
    }

    private Uni<FeedResult> failed(String source, Feed feed, Throwable failure, FeedResult result) {
        Instant now = Instant.now();
        String instance = feed.instance();
        String reason = reason(failure);
        result.error = "feed " + feed.key() + ": " + reason + ": " + describe(failure);
        metrics.pollFailed(source, instance, reason);
        Uni<Instant> backoff;
        if (failure instanceof SourceException.RateLimited limited) {
            Duration wait = limited.retryAfter() != null && !limited.retryAfter().isNegative()
                    ? limited.retryAfter() : config.poller().rateLimitBackoff();
            backoff = Uni.createFrom().item(now.plus(wait));
            result.error = "feed " + feed.key() + ": rate limited until " + now.plus(wait);
        } else if (failure instanceof SourceException.AccessDenied
                || failure instanceof SourceException.RedirectRefused) {
            backoff = Uni.createFrom().item(now.plus(config.poller().accessDeniedBackoff()));
        } else {
            backoff = state.countFailure(source, instance).map(failures -> {
                if (failures >= config.poller().circuitFailureThreshold()) {
                    return now.plus(config.poller().circuitOpenFor());
                }
                long factor = 1L << Math.min(20, failures - 1);
                Duration wait = config.poller().backoffBase().multipliedBy(factor);
                return now.plus(wait.compareTo(config.poller().backoffMax()) > 0 ? config.poller().backoffMax() : wait);
            });
        }
        return backoff.chain(until -> {
            result.backingOffUntil = until;
            Log.errorf("%s: %s (backing off %s until %s)", source, result.error, instance, until);
            return state.backOff(source, instance, until, reason).replaceWith(result);
        });
    }

    static String reason(Throwable failure) {
        if (failure instanceof SourceException.RateLimited) {
            return "rate-limited";
        }
        if (failure instanceof SourceException.AccessDenied) {
            return "access-denied";
        }
        if (failure instanceof SourceException.RedirectRefused) {
            return "redirect-refused";
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException
                    || t instanceof java.net.SocketTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return "timeout";
            }
        }
        if (failure instanceof SourceException.InvalidPage) {
            return "invalid-page";
        }
        if (failure instanceof SourceException.Upstream) {
            return "http-error";
        }
        return "error";
    }

    /** A message alone can be as terse as a host name (an unknown host), so the types go with it. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String described = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure ? described
                : described + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static PollSummary summarise(String source, List<FeedResult> results, String replica) {
        int fetched = 0;
        int published = 0;
        int duplicates = 0;
        int rejected = 0;
        int near = 0;
        int unmatched = 0;
        int polled = 0;
        int failedFeeds = 0;
        int heldElsewhere = 0;
        boolean publishFailed = false;
        Instant backingOffUntil = null;
        String error = null;
        for (FeedResult r : results) {
            fetched += r.fetched;
            published += r.published;
            duplicates += r.duplicates;
            rejected += r.rejected;
            near += r.nearDuplicates;
            unmatched += r.unmatched;
            publishFailed |= r.publishFailed;
            if (r.heldBy != null) {
                heldElsewhere++;
            }
            if (!r.skipped) {
                polled++;
                if (r.error != null) {
                    failedFeeds++;
                    error = r.error;
                }
            }
            if (r.backingOffUntil != null && (backingOffUntil == null || r.backingOffUntil.isAfter(backingOffUntil))) {
                backingOffUntil = r.backingOffUntil;
            }
        }
        String outcome;
        if (polled == 0 && heldElsewhere > 0 && heldElsewhere == results.size()) {
            outcome = "held-elsewhere";
        } else if (polled == 0 && backingOffUntil != null) {
            outcome = "backing-off";
        } else if (error == null) {
            outcome = "ok";
        } else if (failedFeeds == polled || publishFailed) {
            outcome = "failed";
        } else {
            outcome = "partial";
        }
        Log.infof("%s: poll %s: %d feeds, fetched %d, published %d, duplicates %d, near-duplicates %d, rejected %d, "
                + "held by another replica %d", source, outcome, polled, fetched, published, duplicates, near, rejected,
                heldElsewhere);
        return new PollSummary(source, outcome, fetched, published, duplicates, rejected, backingOffUntil, error, near,
                unmatched, polled, heldElsewhere, replica);
    }

    /** What one poll of one feed did. */
    static final class FeedResult {
        boolean skipped;
        int fetched;
        int published;
        int duplicates;
        int nearDuplicates;
        int unmatched;
        int pending;
        int rejected;
        boolean publishFailed;
        Instant newestPostAt;
        Instant backingOffUntil;
        String error;
        /** The replica that holds the feed's lease, when it is not this one (the feed was not polled). */
        String heldBy;
    }
}
