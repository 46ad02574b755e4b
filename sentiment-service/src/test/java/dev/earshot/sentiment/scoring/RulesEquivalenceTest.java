package dev.earshot.sentiment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The keyword rules answer through {@link KeywordScan} (a pattern runs only when one of its anchors
 * is in the text) exactly what the patterns of {@link Rules} answer on their own: on every post of
 * the labelled intent set and every string literal of the module's tests (fixtures, benchmark
 * corpus), raw and normalised, and on phrases built from each rule's own alternatives.
 */
class RulesEquivalenceTest {

    private static final Map<Pattern, Integer> ANCHORED = Map.of(Rules.OUTAGE, KeywordScan.OUTAGE, Rules.BILLING,
            KeywordScan.BILLING, Rules.SECURITY, KeywordScan.SECURITY, Rules.CHURN, KeywordScan.CHURN, Rules.LEGAL,
            KeywordScan.LEGAL, Rules.SPAM, KeywordScan.SPAM, Rules.COMPLAINT, KeywordScan.COMPLAINT, Rules.PRAISE,
            KeywordScan.PRAISE, Rules.HELP_REQUEST, KeywordScan.HELP, Rules.PROBLEM_REPORT, KeywordScan.PROBLEM);

    /** The rules as defined: every pattern run over the whole text. */
    static List<String> byRulesReference(String text) {
        List<String> intents = new ArrayList<>(3);
        add(intents, IntentDetector.OUTAGE, Rules.OUTAGE.matcher(text).find());
        add(intents, IntentDetector.BILLING, Rules.BILLING.matcher(text).find());
        add(intents, IntentDetector.ACCOUNT_SECURITY, Rules.SECURITY.matcher(text).find());
        add(intents, IntentDetector.CHURN_RISK, Rules.CHURN.matcher(text).find());
        add(intents, IntentDetector.LEGAL_THREAT, Rules.LEGAL.matcher(text).find());
        add(intents, IntentDetector.QUESTION, Rules.asksQuestion(text));
        add(intents, IntentDetector.COMPLAINT, Rules.COMPLAINT.matcher(text).find()
                || Rules.PROBLEM_REPORT.matcher(text).find());
        add(intents, IntentDetector.PRAISE, Rules.praises(text));
        add(intents, IntentDetector.SPAM, Rules.SPAM.matcher(text).find());
        return intents;
    }

    private static void add(List<String> intents, String intent, boolean found) {
        if (found) {
            intents.add(intent);
        }
    }

    static List<String> corpus() {
        Set<String> texts = new LinkedHashSet<>();
        try (InputStream in = Resources.open("intents/intents.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                texts.add(tab < 0 ? line : line.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Pattern literal = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = literal.matcher(Files.readString(file));
                while (matcher.find()) {
                    texts.add(matcher.group(1).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(texts);
    }

    /** Each rule's alternatives and the phrases that bracket them, alone and inside a sentence. */
    private static List<String> phrases() {
        List<String> phrases = new ArrayList<>();
        for (String words : new String[] {"down outage outages offline not working isn't working is not working",
            "doesn't work does not work stopped working won't load not loading unavailable unreachable broken",
            "crash crashes crashed crashing error 503 500 error 502 error can't login can't log in cannot connect",
            "cannot access service disruption errors error fails to failed with failing freezes frozen stuck on",
            "stuck loading timed out times out timeouts bug buggy glitchy won't sync blank page white screen",
            "went offline keeps crashing bill billed billing charge charged charges charging invoice invoiced",
            "refund refunds payment payments paid overcharged double charged credit card subscription fee price",
            "pricing money $5 $ 5 €3 £ 9 hacked hacker breach breached compromised phishing stolen unauthorized",
            "unauthorised account takeover someone logged in fraud fraudulent 2fa password reset data leak leaks",
            "leaking leaked exposed vulnerability vulnerable exploit security hole security flaw cancel cancelling",
            "canceling cancelled canceled unsubscribe unsubscribing switch to switching to moving to moving away",
            "leaving you leaving for done with close my account delete my account never again never buying",
            "find another provider lawyer lawyers attorney sue suing lawsuit legal action court small claims",
            "class action regulator ftc gdpr complaint report you to link in bio link in my bio dm me dm for",
            "click here click the link giveaway airdrop free crypto free gift card free vouchers buy followers",
            "buy accounts 10% daily 3% monthly guaranteed return earn $500 earn 200 make money passive income",
            "onlyfans crypto signals forex signals casino bonus hot singles follow for follow like for like",
            "no prescription terrible worst awful horrible disappointed disappointing unacceptable ridiculous",
            "sucks useless frustrating annoyed angry furious fed up complaining still waiting nobody answers",
            "no one answers no response poor service love loving loved great awesome amazing thank you thanks",
            "excellent fantastic brilliant kudos well done impressed best not great never loved didn't love",
            "isn't the best wasn't really impressed no great don't love doesn't impress can someone help",
            "need help please help help me how do i how can i how to where do i anyone know does anyone know",
            "how why what is it ? are you there will it"}) {
            String[] split = words.split(" ");
            for (int i = 0; i < split.length; i++) {
                for (int n = 1; n <= 4 && i + n <= split.length; n++) {
                    String phrase = String.join(" ", List.of(split).subList(i, i + n));
                    phrases.add(phrase);
                    phrases.add("so " + phrase + " today");
                    phrases.add("x" + phrase + "s");
                }
            }
        }
        return phrases;
    }

    @Test
    void theScannedRulesAnswerWhatThePatternsAnswer() {
        List<String> texts = new ArrayList<>(corpus());
        assertTrue(texts.size() > 900, "intent set and test literals: " + texts.size());
        texts.addAll(phrases());
        int checked = 0;
        int withIntent = 0;
        for (String raw : texts) {
            for (String text : new String[] {raw, TextNormalizer.normalize(raw)}) {
                List<String> expected = byRulesReference(text);
                assertEquals(expected, IntentDetector.byRules(text), text);
                int scan = KeywordScan.scan(text);
                assertEquals(Rules.NEGATED_PRAISE.matcher(text).find(), Rules.negatesPraise(text, scan), text);
                ANCHORED.forEach((pattern, bit) -> {
                    if (pattern.matcher(text).find()) {
                        assertTrue((scan & bit) != 0, "no anchor of " + pattern + " in: " + text);
                    }
                });
                checked++;
                withIntent += expected.isEmpty() ? 0 : 1;
            }
        }
        assertTrue(withIntent > checked / 3, withIntent + " of " + checked);
    }

    @Test
    void detectStillDropsNegatedPraiseAndJoinsRulesWithModels() {
        for (String raw : corpus()) {
            String normalized = TextNormalizer.normalize(raw);
            List<String> rulesOnly = Fixtures.INTENTS.detect(normalized, TextNormalizer.tokens(normalized), false, null);
            List<String> expected = new ArrayList<>(byRulesReference(normalized));
            assertEquals(expected, rulesOnly, raw);
        }
    }
}
