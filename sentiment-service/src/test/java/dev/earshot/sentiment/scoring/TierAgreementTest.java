package dev.earshot.sentiment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.earshot.sentiment.contract.Mention;
import dev.earshot.sentiment.contract.ScoredMention;

/**
 * How often the service agrees with a careful community manager on our labelled set
 * ({@code agreement/tier-set.tsv}: 200 posts of an outage day, a billing error, a security report,
 * praise, questions, spam, news and the brand's own posts in English, German, Spanish, French,
 * Italian and Portuguese). The service's tier here is its urgency level (critical P1, high P2,
 * medium P3, low P4); response-service's priority adds reach and conversation size on top. Prints
 * the figures and fails when they fall below what the committed models reach.
 */
class TierAgreementTest {

    /**
     * What the committed models reach (0.620 exact, 0.930 within one tier, 0.895 needsReply; 0.615 / 0.885 / 0.890
     * before the intent models had an intercept, when every intent fired on posts whose words they did not know),
     * rounded down: a change that lowers them must say why.
     */
    static final double EXACT_FLOOR = 0.62;
    static final double WITHIN_ONE_FLOOR = 0.93;
    static final double NEEDS_REPLY_FLOOR = 0.89;

    record Labelled(String source, String author, Long followers, int tier, boolean needsReply, String text) {
    }

    private final TextAnalyzer analyzer = Fixtures.analyzer(5000, new ReplyPolicy(Set.of("rss"),
            Map.of("mastodon", List.of("notably"), "bluesky", List.of("notably.app"))));

    static List<Labelled> read() throws IOException {
        List<Labelled> posts = new ArrayList<>();
        try (InputStream in = Resources.open("agreement/tier-set.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] c = line.split("\t", 6);
                posts.add(new Labelled(c[0], c[1], "-".equals(c[2]) ? null : Long.valueOf(c[2]),
                        Integer.parseInt(c[3].substring(1)), Boolean.parseBoolean(c[4]), c[5]));
            }
        }
        return posts;
    }

    static int tier(String level) {
        return switch (level) {
            case "critical" -> 1;
            case "high" -> 2;
            case "medium" -> 3;
            default -> 4;
        };
    }

    @Test
    void agreesWithTheHumanTiersAndRepliesAtLeastAsOftenAsTheCommittedModels() throws IOException {
        List<Labelled> posts = read();
        assertTrue(posts.size() >= 200, posts.size() + " posts");
        int exact = 0;
        int withinOne = 0;
        int reply = 0;
        int[][] confusion = new int[4][4];
        for (int i = 0; i < posts.size(); i++) {
            Labelled post = posts.get(i);
            String handle = "-".equals(post.author()) ? "someone" + i : post.author();
            Mention mention = new Mention(1, post.source() + ":x:" + i, post.source(), "x", String.valueOf(i),
                    "https://example.com/" + i, null, null, new Mention.Author("a" + i, handle, handle,
                            post.followers(), null),
                    null, post.text(), null, Instant.EPOCH, Instant.EPOCH, null, List.of("brand"), null, null, null);
            ScoredMention scored = analyzer.score(mention);
            int tier = tier(scored.urgency().level());
            confusion[post.tier() - 1][tier - 1]++;
            exact += tier == post.tier() ? 1 : 0;
            withinOne += Math.abs(tier - post.tier()) <= 1 ? 1 : 0;
            reply += scored.urgency().needsReply() == post.needsReply() ? 1 : 0;
        }
        double n = posts.size();
        System.out.printf("tier agreement on %d posts: exact %.3f, within one tier %.3f; needsReply %.3f%n",
                posts.size(), exact / n, withinOne / n, reply / n);
        for (int gold = 0; gold < 4; gold++) {
            System.out.printf("  human P%d -> service P1..P4 %s%n", gold + 1, Arrays.toString(confusion[gold]));
        }
        assertEquals(posts.size(), Arrays.stream(confusion).flatMapToInt(Arrays::stream).sum());
        assertTrue(exact / n >= EXACT_FLOOR, "exact tier agreement " + exact / n);
        assertTrue(withinOne / n >= WITHIN_ONE_FLOOR, "within-one tier agreement " + withinOne / n);
        assertTrue(reply / n >= NEEDS_REPLY_FLOOR, "needsReply agreement " + reply / n);
    }
}
