package dev.earshot.listener.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.listener.config.ListenerConfig;
import dev.earshot.listener.messaging.MentionPublisher;
import dev.earshot.listener.model.Mention;
import dev.earshot.listener.rules.TextTokens;
import dev.earshot.listener.source.MentionIngest;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import dev.earshot.listener.rules.RuleStore;

/**
 * The one path of every post after it was read (polled, streamed or pushed): every rule is matched
 * locally and unmatched posts are dropped; the rest are claimed in Redis in one script per batch, which
 * drops posts already published and marks near-duplicates with the first copy's id; the new posts are
 * published with their matched rule ids in one batch (one round of publisher confirms), and the claim of any
 * post whose publish failed (broker away, no queue bound, not confirmed) is released so a later poll or push
 * publishes it. An edited post ({@code editedAt} set) is claimed per edit, so each edit is
 * published once.
 */
@ApplicationScoped
public class MentionPipeline implements MentionIngest {

    /** What happened to one post. */
    public enum Status {
        published, duplicate, unmatched, failed,
        /** Another publish of the post is in flight (or its process died and the claim has not expired yet). */
        pending
    }

    /** The outcome of one post, in input order. */
    public record Outcome(String id, Status status, List<String> matchedRules, String nearDuplicateOf, String error) {
    }

    private final RuleStore rules;
    private final Deduplicator deduplicator;
    private final MentionPublisher publisher;
    private final ListenerMetrics metrics;
    private final ListenerConfig config;

    public MentionPipeline(RuleStore rules, Deduplicator deduplicator, MentionPublisher publisher, ListenerMetrics metrics,
            ListenerConfig config) {
        this.rules = rules;
        this.deduplicator = deduplicator;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
    }

    @Override
    public Uni<Result> ingest(List<Mention> mentions) {
        return process(mentions).map(outcomes -> {
            int matched = 0;
            int duplicates = 0;
            int near = 0;
            int published = 0;
            int failed = 0;
            for (Outcome o : outcomes) {
                if (o.status != Status.unmatched) {
                    matched++;
                }
                switch (o.status) {
                    case duplicate -> duplicates++;
                    case published -> published++;
                    case failed -> failed++;
                    default -> {
                    }
                }
                if (o.nearDuplicateOf != null && o.status == Status.published) {
                    near++;
                }
            }
            return new Result(mentions.size(), matched, duplicates, near, published, failed);
        });
    }

    /** Matches, claims and publishes; one outcome per post, in input order. */
    public Uni<List<Outcome>> process(List<Mention> mentions) {
        if (mentions.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return rules.index().chain(index -> {
            Outcome[] outcomes = new Outcome[mentions.size()];
            List<Integer> candidates = new ArrayList<>();
            List<Deduplicator.Claim> claims = new ArrayList<>();
            List<Mention> matchedMentions = new ArrayList<>();
            Set<String> seenInBatch = new HashSet<>();
            for (int i = 0; i < mentions.size(); i++) {
                Mention mention = mentions.get(i);
                List<String> matched = index.match(mention.source(), mention.languageHint(),
                        TextTokens.of(mention.title(), mention.text()));
                if (matched.isEmpty()) {
                    outcomes[i] = new Outcome(mention.id(), Status.unmatched, List.of(), null, null);
                    continue;
                }
                String seenKey = seenKey(mention);
                if (!seenInBatch.add(seenKey)) {
                    outcomes[i] = new Outcome(mention.id(), Status.duplicate, matched, null, null);
                    continue;
                }
                candidates.add(i);
                matchedMentions.add(mention.withMatchedRules(matched));
                claims.add(new Deduplicator.Claim(mention.id(), seenKey, NearDuplicates.fingerprint(
                        mention.title(), mention.text(), config.nearDuplicates().minWords())));
            }
            return deduplicator.claim(claims, config.nearDuplicates().window().toSeconds()).chain(claimed -> {
                List<Integer> positions = new ArrayList<>();
                List<Mention> toPublish = new ArrayList<>();
                List<String> seenKeys = new ArrayList<>();
                for (int c = 0; c < claimed.size(); c++) {
                    int position = candidates.get(c);
                    Mention mention = matchedMentions.get(c);
                    Deduplicator.Claimed claim = claimed.get(c);
                    if (claim.pending()) {
                        outcomes[position] = new Outcome(mention.id(), Status.pending, mention.matchedRules(), null,
                                "another publish of this post is in flight; it is retried later");
                        continue;
                    }
                    if (!claim.fresh()) {
                        outcomes[position] = new Outcome(mention.id(), Status.duplicate, mention.matchedRules(), null,
                                null);
                        continue;
                    }
                    positions.add(position);
                    toPublish.add(claim.nearDuplicateOf() == null ? mention
                            : mention.withNearDuplicateOf(claim.nearDuplicateOf()));
                    seenKeys.add(claims.get(c).seenKey());
                }
                return publisher.publish(toPublish).chain(failures -> {
                    List<String> committed = new ArrayList<>();
                    List<String> released = new ArrayList<>();
                    for (int p = 0; p < toPublish.size(); p++) {
                        Mention mention = toPublish.get(p);
                        String failure = failures.get(p);
                        if (failure == null) {
                            outcomes[positions.get(p)] = new Outcome(mention.id(), Status.published,
                                    mention.matchedRules(), mention.nearDuplicateOf(), null);
                            committed.add(seenKeys.get(p));
                        } else {
                            outcomes[positions.get(p)] = new Outcome(mention.id(), Status.failed,
                                    mention.matchedRules(), mention.nearDuplicateOf(), "publish failed: " + failure);
                            released.add(seenKeys.get(p));
                        }
                    }
                    if (!released.isEmpty()) {
                        Log.errorf("%d of %d mentions not published, claims released for a retry: %s", released.size(),
                                toPublish.size(), failures.stream().filter(f -> f != null).findFirst().orElse(""));
                    }
                    return deduplicator.releaseKeys(released).chain(() -> deduplicator.commit(committed));
                }).map(ignored -> {
                    List<Outcome> list = List.of(outcomes);
                    count(mentions, list);
                    return list;
                });
            });
        });
    }

    /** What makes a post "seen": its id, and the edit time for an edited post. */
    static String seenKey(Mention mention) {
        return mention.editedAt() == null ? mention.id() : mention.id() + "@" + mention.editedAt().toEpochMilli();
    }

    private void count(List<Mention> mentions, List<Outcome> outcomes) {
        Map<String, int[]> bySourceInstance = new HashMap<>();
        for (int i = 0; i < mentions.size(); i++) {
            Mention m = mentions.get(i);
            int[] counts = bySourceInstance.computeIfAbsent(m.source() + "|" + m.instance(), k -> new int[4]);
            Outcome o = outcomes.get(i);
            switch (o.status) {
                case published -> counts[0]++;
                case duplicate -> counts[1]++;
                case unmatched -> counts[2]++;
                default -> {
                }
            }
            if (o.status == Status.published && o.nearDuplicateOf != null) {
                counts[3]++;
            }
        }
        bySourceInstance.forEach((key, counts) -> {
            int cut = key.indexOf('|');
            String source = key.substring(0, cut);
            String instance = key.substring(cut + 1);
            metrics.published(source, instance, counts[0]);
            metrics.duplicates(source, instance, counts[1]);
            metrics.unmatched(source, instance, counts[2]);
            metrics.nearDuplicates(source, instance, counts[3]);
        });
    }
}
