package dev.earshot.listener.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;


class RuleIndexTest {

    private static final String[] WORDS = { "acme", "cloud", "outage", "down", "slow", "billing", "refund", "love",
            "hate", "api", "login", "error", "support", "price", "quarkus", "redis", "fast", "broken", "bug", "test" };

    @Test
    void theIndexFindsExactlyWhatEvaluatingEveryRuleFinds() {
        Random random = new Random(42);
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rules.add(new Rule("r" + i, randomQuery(random, 0), i % 7 == 0 ? List.of("en") : List.of(),
                    i % 11 == 0 ? List.of("reddit") : List.of()));
        }
        RuleIndex index = new RuleIndex(rules);
        for (int p = 0; p < 2000; p++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 3 + random.nextInt(12); w++) {
                text.append(random.nextInt(10) == 0 ? "#" : "").append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            String source = random.nextBoolean() ? "reddit" : "mastodon";
            String language = random.nextInt(3) == 0 ? null : random.nextBoolean() ? "en" : "de";
            TextTokens tokens = TextTokens.of(null, text.toString());
            List<String> expected = rules.stream().filter(r -> r.matches(source, language, tokens)).map(Rule::id)
                    .toList();
            assertEquals(expected, index.match(source, language, tokens), text.toString());
        }
    }

    @Test
    void rulesAreFiledUnderTheirTriggerWords() {
        RuleIndex index = new RuleIndex(List.of(new Rule("a", "acme outage"), new Rule("b", "NOT acme"),
                new Rule("c", "\"acme cloud\" OR #refund")));
        assertEquals(List.of("a", "c"), index.match("x", null, TextTokens.of("ACME cloud outage")));
        assertEquals(List.of("b", "c"), index.match("x", null, TextTokens.of("need a #refund")));
        assertEquals(List.of("b"), index.match("x", null, TextTokens.of("nothing here")));
    }

    private static String randomQuery(Random random, int depth) {
        int kind = depth > 2 ? 0 : random.nextInt(6);
        String word = WORDS[random.nextInt(WORDS.length)];
        return switch (kind) {
            case 0, 1 -> random.nextInt(8) == 0 ? "#" + word : word;
            case 2 -> "\"" + word + " " + WORDS[random.nextInt(WORDS.length)] + "\"";
            case 3 -> randomQuery(random, depth + 1) + " AND " + randomQuery(random, depth + 1);
            case 4 -> "(" + randomQuery(random, depth + 1) + " OR " + randomQuery(random, depth + 1) + ")";
            default -> randomQuery(random, depth + 1) + " -" + word;
        };
    }
}
