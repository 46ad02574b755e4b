package dev.earshot.listener.source.hackernews;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import com.fasterxml.jackson.databind.JsonNode;

import dev.earshot.listener.config.ListenerConfig;
import dev.earshot.listener.messaging.MentionPublisher;
import dev.earshot.listener.model.Mention;
import dev.earshot.listener.model.PollSummary;
import dev.earshot.listener.model.Rule;
import dev.earshot.listener.pipeline.DeadLetterStore;
import dev.earshot.listener.pipeline.Deduplicator;
import dev.earshot.listener.pipeline.KeywordMatcher;
import dev.earshot.listener.pipeline.ListenerMetrics;
import dev.earshot.listener.pipeline.Rules;
import dev.earshot.listener.pipeline.SourceStateStore;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Polls Hacker News for every rule: pages through {@code search_by_date} from the rule's cursor (minus
 * the overlap), maps and matches the hits, drops the posts already seen, publishes the rest and only
 * then advances each successful rule's cursor. A post matched by several rules is published once with
 * all their ids. A 429 stops the poll and records the back-off; other failures leave the cursor alone.
 */
@ApplicationScoped
public class HackerNewsPoller {

    public static final String SOURCE = HackerNewsMapper.SOURCE;

    private final ListenerConfig config;
    private final Rules rules;
    private final HackerNewsSearch search;
    private final HackerNewsMapper mapper;
    private final KeywordMatcher matcher;
    private final Deduplicator deduplicator;
    private final MentionPublisher publisher;
    private final DeadLetterStore deadLetters;
    private final SourceStateStore state;
    private final ListenerMetrics metrics;
    private final AtomicBoolean running = new AtomicBoolean();

    public HackerNewsPoller(ListenerConfig config, Rules rules, HackerNewsSearch search, HackerNewsMapper mapper,
            KeywordMatcher matcher, Deduplicator deduplicator, MentionPublisher publisher,
            DeadLetterStore deadLetters, SourceStateStore state, ListenerMetrics metrics) {
        this.config = config;
        this.rules = rules;
        this.search = search;
        this.mapper = mapper;
        this.matcher = matcher;
        this.deduplicator = deduplicator;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.state = state;
        this.metrics = metrics;
    }

    @Scheduled(identity = "hackernews-poll", every = "${earshot.listener.hackernews.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPoll() {
        return poll().onFailure(PollInProgressException.class).recoverWithNull().replaceWithVoid();
    }

    /** Polls now, unless a poll is running (fails with {@link PollInProgressException}). */
    public Uni<PollSummary> poll() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().failure(new PollInProgressException(SOURCE));
        }
        return Uni.createFrom().deferred(() -> state.backoffUntil(SOURCE).chain(until -> {
            if (until != null && until.isAfter(Instant.now())) {
                Log.infof("hackernews: backing off until %s, poll skipped", until);
                return Uni.createFrom().item(
                        new PollSummary(SOURCE, "backing-off", 0, 0, 0, 0, until, null));
            }
            return pollAllRules();
        })).eventually(() -> running.set(false));
    }

    private Uni<PollSummary> pollAllRules() {
        Run run = new Run(Instant.now());
        return Multi.createFrom().iterable(rules.all())
                .onItem().transformToUniAndConcatenate(rule -> run.backoffUntil != null
                        ? Uni.createFrom().voidItem()
                        : pollRule(rule, run))
                .collect().last()
                .chain(() -> publishNew(run))
                .chain(() -> advanceCursors(run))
                .chain(() -> finish(run));
    }

    private Uni<Void> pollRule(Rule rule, Run run) {
        return state.cursor(SOURCE, rule.id()).chain(cursor -> {
            long since = cursor == null
                    ? run.startedAt.minus(config.hackernews().initialLookback()).getEpochSecond()
                    : cursor - config.hackernews().overlap().toSeconds();
            run.cursors.put(rule.id(), cursor);
            return fetchPage(rule, since, 0, run);
        }).onItem().invoke(() -> run.succeededRules.add(rule.id()))
                .onFailure().recoverWithUni(failure -> ruleFailed(rule, failure, run));
    }

    private Uni<Void> fetchPage(Rule rule, long since, int page, Run run) {
        return search.searchByDate(rule.keyword(), since, config.hackernews().hitsPerPage(), page)
                .map(mapper::parsePage)
                .chain(parsed -> readHits(rule, parsed, run).chain(() -> {
                    int next = parsed.page() + 1;
                    if (next < parsed.nbPages() && next < config.hackernews().maxPages()) {
                        return fetchPage(rule, since, next, run);
                    }
                    return Uni.createFrom().voidItem();
                }));
    }

    private Uni<Void> readHits(Rule rule, HackerNewsMapper.Page page, Run run) {
        metrics.fetched(SOURCE, page.hits().size());
        run.fetched += page.hits().size();
        List<Uni<String>> rejections = new ArrayList<>();
        for (JsonNode hit : page.hits()) {
            try {
                Mention mention = mapper.toMention(hit, run.startedAt);
                run.maxSeen.merge(rule.id(), mention.createdAt().getEpochSecond(), Math::max);
                if (matcher.matches(rule.keyword(), mention.title(), mention.text())) {
                    run.candidates.computeIfAbsent(mention.id(), id -> new Candidate(mention)).rules.add(rule.id());
                }
            } catch (MalformedHitException e) {
                run.rejected++;
                metrics.rejected(SOURCE);
                Log.warnf("hackernews: rule %s: malformed hit dead-lettered (%s)", rule.id(), e.getMessage());
                rejections.add(deadLetters.add(SOURCE, e.getMessage(), hit.toString(), Instant.now()));
            }
        }
        return rejections.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(rejections).andFailFast().replaceWithVoid();
    }

    private Uni<Void> ruleFailed(Rule rule, Throwable failure, Run run) {
        if (failure instanceof RateLimitedException limited) {
            Instant until = run.startedAt.plus(limited.retryAfter() != null
                    ? limited.retryAfter() : config.hackernews().defaultBackoff());
            run.backoffUntil = until;
            run.error = "rate limited until " + until;
            metrics.pollFailed(SOURCE, "rate-limited");
            Log.warnf("hackernews: rule %s: rate limited, backing off until %s", rule.id(), until);
            return state.backOff(SOURCE, until);
        }
        String reason = failure instanceof InvalidPageException ? "invalid-page"
                : failure instanceof TimeoutException
                        || failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
                                ? "timeout"
                                : failure instanceof CircuitBreakerOpenException ? "circuit-open"
                                        : failure instanceof UpstreamException ? "http-error" : "error";
        run.error = "rule " + rule.id() + ": " + reason + ": " + describe(failure);
        metrics.pollFailed(SOURCE, reason);
        Log.errorf("hackernews: rule %s: poll failed (%s): %s", rule.id(), reason, describe(failure));
        return Uni.createFrom().voidItem();
    }

    /** A message alone can be as terse as a host name (an unknown host), so the types go with it. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String described = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure ? described
                : described + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private Uni<Void> publishNew(Run run) {
        List<String> ids = new ArrayList<>(run.candidates.keySet());
        return deduplicator.claimNew(ids).chain(fresh -> {
            run.duplicates = ids.size() - fresh.size();
            metrics.duplicates(SOURCE, run.duplicates);
            return Multi.createFrom().iterable(fresh)
                    .onItem().transformToUniAndConcatenate(id -> publishOne(run.candidates.get(id), run))
                    .collect().last().replaceWithVoid();
        });
    }

    private Uni<Void> publishOne(Candidate candidate, Run run) {
        Mention mention = candidate.mention.withMatchedRules(List.copyOf(candidate.rules));
        return publisher.publish(mention)
                .invoke(() -> {
                    run.published++;
                    metrics.published(SOURCE);
                })
                .onFailure().recoverWithUni(failure -> {
                    run.publishFailed = true;
                    run.error = "publishing " + mention.id() + " failed: " + failure.getMessage();
                    metrics.pollFailed(SOURCE, "publish");
                    Log.errorf(failure, "hackernews: publishing %s failed, claim released", mention.id());
                    return deduplicator.release(mention.id());
                });
    }

    private Uni<Void> advanceCursors(Run run) {
        if (run.publishFailed) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(run.succeededRules).onItem().transformToUniAndConcatenate(ruleId -> {
            Long seen = run.maxSeen.get(ruleId);
            Long old = run.cursors.get(ruleId);
            if (seen == null || (old != null && old >= seen)) {
                return Uni.createFrom().voidItem();
            }
            return state.setCursor(SOURCE, ruleId, seen);
        }).collect().last().replaceWithVoid();
    }

    private Uni<PollSummary> finish(Run run) {
        String outcome;
        if (run.error == null) {
            outcome = "ok";
        } else if (run.succeededRules.isEmpty() || run.publishFailed) {
            outcome = "failed";
        } else {
            outcome = "partial";
        }
        Log.infof("hackernews: poll %s: fetched %d, published %d, duplicates %d, rejected %d", outcome, run.fetched,
                run.published, run.duplicates, run.rejected);
        return state.recordPoll(SOURCE, Instant.now(), run.published, run.error)
                .map(ignored -> new PollSummary(SOURCE, outcome, run.fetched, run.published, run.duplicates,
                        run.rejected, run.backoffUntil, run.error));
    }

    /** A post found in this poll and the rules that matched it. */
    private static final class Candidate {
        final Mention mention;
        final Set<String> rules = new LinkedHashSet<>();

        Candidate(Mention mention) {
            this.mention = mention;
        }
    }

    /** The accumulated state of one poll; touched by one sequential chain only. */
    private static final class Run {
        final Instant startedAt;
        final Map<String, Candidate> candidates = new LinkedHashMap<>();
        final Map<String, Long> maxSeen = new HashMap<>();
        final Map<String, Long> cursors = new HashMap<>();
        final List<String> succeededRules = new ArrayList<>();
        int fetched;
        int published;
        int duplicates;
        int rejected;
        boolean publishFailed;
        Instant backoffUntil;
        String error;

        Run(Instant startedAt) {
            this.startedAt = startedAt;
        }
    }
}
