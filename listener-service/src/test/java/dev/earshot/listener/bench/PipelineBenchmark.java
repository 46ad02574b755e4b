package dev.earshot.listener.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.listener.model.Mention;
import dev.earshot.listener.pipeline.Deduplicator;
import dev.earshot.listener.pipeline.HtmlNormaliser;
import dev.earshot.listener.pipeline.NearDuplicates;
import dev.earshot.listener.redis.LuaScript;
import dev.earshot.listener.rules.Rule;
import dev.earshot.listener.rules.RuleIndex;
import dev.earshot.listener.rules.TextTokens;
import dev.earshot.listener.source.hackernews.HackerNewsMapper;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Request;

/**
 * The listener's per-post path without the broker: parse Algolia pages (platform JSON to mention, HTML to
 * text), tokenise and match against 500 generated rules (words, phrases, hashtags, AND/OR/NOT, language
 * and source filters) through the rule index, fingerprint, and claim the matched posts in the real Redis
 * with the production Lua script (EVALSHA), one round trip per page of 100 posts. Prints posts per second.
 * Usage (see bench.sh): PipelineBenchmark [posts, default 200000] [redis url, default redis://127.0.0.1:6379/6]
 */
public final class PipelineBenchmark {

    private static final String[] BRANDS = { "acme", "globex", "initech", "umbrella", "hooli", "vandelay", "wonka",
            "stark", "wayne", "tyrell", "cyberdyne", "soylent", "oscorp", "aperture", "massive" };
    private static final String[] TOPICS = { "outage", "down", "slow", "billing", "refund", "login", "api", "pricing",
            "support", "crash", "bug", "release", "upgrade", "latency", "security", "leak", "cancel", "invoice",
            "mobile", "dashboard", "export", "sso", "webhook", "timeout", "error" };
    private static final String[] FILLER = ("the a is was and to of in for on with it this that our my we they you "
            + "have has been again today yesterday really very just still after before when why how what not any "
            + "team customer people users everyone status page update version new old fix fixed works working "
            + "broken love hate great terrible nice awful please help thanks issue problem since hours minutes "
            + "week month year app service cloud server database network account password email phone call").split(" ");

    public static void main(String[] args) throws Exception {
        int posts = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String redisUrl = args.length > 1 ? args[1] : "redis://127.0.0.1:6379/6";
        Random random = new Random(7);
        List<Rule> rules = rules(random, 500);
        RuleIndex index = new RuleIndex(rules);
        ObjectMapper json = new ObjectMapper();
        HackerNewsMapper mapper = new HackerNewsMapper(json, new HtmlNormaliser());
        List<String> pages = pages(random, 200);
        String runId = UUID.randomUUID().toString().substring(0, 8);

        Vertx vertx = Vertx.vertx();
        Redis client = Redis.createClient(vertx, redisUrl);
        RedisAPI redis = RedisAPI.api(client);
        LuaScript.Sender sender = (command, arguments) -> {
            Request request = Request.cmd(Command.create(command));
            for (String argument : arguments) {
                request.arg(argument);
            }
            return client.send(request);
        };
        try {
            System.out.printf("rules: %d, pages: %d distinct x 100 posts, redis: %s, cores: %d%n", rules.size(),
                    pages.size(), redisUrl, Runtime.getRuntime().availableProcessors());
            run(posts / 4, pages, mapper, index, sender, runId + "w", "warm-up");
            long[] counts = run(posts, pages, mapper, index, sender, runId, "measured");
            System.out.printf("matched %.1f%% of posts, %.1f rules per matched post%n", 100.0 * counts[1] / counts[0],
                    counts[2] / (double) Math.max(1, counts[1]));
        } finally {
            // closed whatever happened: Vert.x threads would otherwise keep the JVM (and Maven) waiting
            try {
                List<String> keys = new ArrayList<>();
                redis.keysAndAwait("earshot:*").forEach(k -> keys.add(k.toString()));
                for (int i = 0; i < keys.size(); i += 1000) {
                    redis.delAndAwait(keys.subList(i, Math.min(keys.size(), i + 1000)));
                }
            } catch (RuntimeException e) {
                System.err.println("the benchmark's Redis keys were not deleted: " + e);
            } finally {
                client.close();
                vertx.closeAndAwait();
            }
        }
    }

    private static long[] run(int posts, List<String> pages, HackerNewsMapper mapper, RuleIndex index, LuaScript.Sender redis,
            String runId, String label) throws Exception {
        long read = 0;
        long matched = 0;
        long ruleHits = 0;
        long fresh = 0;
        long started = System.nanoTime();
        long parseNanos = 0;
        long matchNanos = 0;
        long dedupNanos = 0;
        int page = 0;
        Instant now = Instant.now();
        while (read < posts) {
            long t0 = System.nanoTime();
            HackerNewsMapper.Page parsed = mapper.parsePage(pages.get(page++ % pages.size()));
            List<Mention> mentions = new ArrayList<>(parsed.hits().size());
            for (JsonNode hit : parsed.hits()) {
                mentions.add(mapper.toMention(hit, now));
            }
            long t1 = System.nanoTime();
            parseNanos += t1 - t0;
            List<Deduplicator.Claim> claims = new ArrayList<>();
            for (Mention mention : mentions) {
                read++;
                List<String> ids = index.match(mention.source(), mention.languageHint(),
                        TextTokens.of(mention.title(), mention.text()));
                if (ids.isEmpty()) {
                    continue;
                }
                matched++;
                ruleHits += ids.size();
                String id = runId + ":" + page + ":" + mention.id();
                claims.add(new Deduplicator.Claim(id, id, NearDuplicates.fingerprint(mention.title(), mention.text(), 5)));
            }
            long t2 = System.nanoTime();
            matchNanos += t2 - t1;
            if (!claims.isEmpty()) {
                List<Deduplicator.Claimed> claimed = Deduplicator.claim(redis, claims, 60, 3600).await().indefinitely();
                fresh += claimed.stream().filter(Deduplicator.Claimed::fresh).count();
            }
            dedupNanos += System.nanoTime() - t2;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%s: %d posts in %.2f s = %,.0f posts/s (%d claimed new); time in parse+normalise %.0f%%, "
                + "match+fingerprint %.0f%%, Redis dedup %.0f%%%n", label, read, seconds, read / seconds, fresh,
                parseNanos / seconds / 1e7, matchNanos / seconds / 1e7, dedupNanos / seconds / 1e7);
        return new long[] { read, matched, ruleHits };
    }

    /** 500 rules as users write them: a brand, often with topics, phrases, exclusions, filters. */
    static List<Rule> rules(Random random, int count) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String brand = BRANDS[i % BRANDS.length] + (i < BRANDS.length ? "" : String.valueOf(i / BRANDS.length));
            String topic = TOPICS[random.nextInt(TOPICS.length)];
            String other = TOPICS[random.nextInt(TOPICS.length)];
            String query = switch (i % 8) {
                case 0 -> brand;
                case 1 -> brand + " AND (" + topic + " OR " + other + ")";
                case 2 -> "\"" + brand + " " + FILLER[random.nextInt(FILLER.length)] + "\" OR #" + brand;
                case 3 -> brand + " " + topic + " -" + other;
                case 4 -> "(" + brand + " OR @" + brand + "support) NOT (" + other + " OR spam)";
                case 5 -> "#" + brand + " OR \"" + brand + " " + topic + "\"";
                case 6 -> brand + " AND " + topic + " AND NOT \"" + other + " " + FILLER[random.nextInt(FILLER.length)] + "\"";
                default -> "(" + brand + " OR " + BRANDS[random.nextInt(BRANDS.length)] + ") " + topic;
            };
            rules.add(new Rule("rule-" + i, query, i % 5 == 0 ? List.of("en") : List.of(),
                    i % 9 == 0 ? List.of("hackernews", "reddit") : List.of()));
        }
        return rules;
    }

    /** Algolia search pages of 100 comments each: 20 to 60 words, some HTML, some brand and topic words. */
    static List<String> pages(Random random, int count) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> pages = new ArrayList<>();
        long id = 30_000_000;
        long created = Instant.now().getEpochSecond() - 3600;
        for (int p = 0; p < count; p++) {
            var root = json.createObjectNode();
            var hits = root.putArray("hits");
            for (int h = 0; h < 100; h++) {
                StringBuilder text = new StringBuilder("<p>");
                int words = 20 + random.nextInt(41);
                for (int w = 0; w < words; w++) {
                    int dice = random.nextInt(100);
                    String word = dice < 3 ? BRANDS[random.nextInt(BRANDS.length)]
                            : dice < 8 ? TOPICS[random.nextInt(TOPICS.length)] : FILLER[random.nextInt(FILLER.length)];
                    if (w == words / 2) {
                        text.append("</p><p>");
                    }
                    text.append(random.nextInt(30) == 0 ? "<i>" + word + "</i>" : word).append(' ');
                }
                text.append("<a href=\"https://example.com/").append(id).append("\">link</a></p>");
                var hit = hits.addObject();
                hit.putArray("_tags").add("comment").add("author_u" + (id % 997)).add("story_" + (id / 50));
                hit.put("author", "u" + (id % 997));
                hit.put("comment_text", text.toString());
                hit.put("created_at_i", created++);
                hit.put("objectID", String.valueOf(id++));
                hit.put("parent_id", id / 50);
                hit.put("story_id", id / 50);
                hit.putNull("points");
            }
            root.put("hitsPerPage", 100).put("nbHits", 100).put("nbPages", 1).put("page", 0);
            pages.add(json.writeValueAsString(root));
        }
        return pages;
    }

    private PipelineBenchmark() {
    }
}
