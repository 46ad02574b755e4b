package dev.earshot.sentiment.scoring;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One pass over a text that tells which {@link Rules} patterns can match at all, so that only those
 * run. Each rule has anchors: literals of which every match of its pattern contains at least one
 * (an alternative's fixed first word or word stem, e.g. {@code crash} for
 * {@code crash(?:es|ed|ing)?}, {@code $} for {@code [$€£]\s?\d}). A trie of all anchors is walked
 * from every position of the text; the bits of the anchors found are the rules worth asking. A rule
 * whose anchors are absent cannot match, so skipping it never changes an answer (the pattern itself
 * still decides whenever an anchor is present); {@code RulesEquivalenceTest} checks the anchors
 * against the patterns on the intent set and the test fixtures. Immutable: shared by all threads.
 */
final class KeywordScan {

    static final int OUTAGE = 1;
    static final int BILLING = 1 << 1;
    static final int SECURITY = 1 << 2;
    static final int CHURN = 1 << 3;
    static final int LEGAL = 1 << 4;
    static final int SPAM = 1 << 5;
    static final int COMPLAINT = 1 << 6;
    /** {@link Rules#PRAISE}; also every match of {@link Rules#NEGATED_PRAISE} holds one of its praise words. */
    static final int PRAISE = 1 << 7;
    /** The negation words of {@link Rules#NEGATED_PRAISE}. */
    static final int NEGATION = 1 << 8;
    /** {@link Rules#HELP_REQUEST}. */
    static final int HELP = 1 << 9;
    /** A question mark. */
    static final int QUESTION_MARK = 1 << 10;
    /** {@link Rules#PROBLEM_REPORT}. */
    static final int PROBLEM = 1 << 11;

    /** Anchors per rule bit; keep them in step with the patterns of {@link Rules}. */
    static final Map<Integer, List<String>> ANCHORS = Map.ofEntries(
            Map.entry(OUTAGE, List.of("down", "outage", "offline", "not working", "isn't working", "doesn't work",
                    "does not work", "stopped working", "won't", "not loading", "unavailable", "unreachable", "broken",
                    "crash", "error", "can't ", "cannot ", "service disruption", "fail", "freez", "frozen", "stuck ",
                    "timed out", "times out", "timeout", "bug", "glitch", "blank ", "white screen")),
            Map.entry(BILLING, List.of("bill", "charg", "invoice", "refund", "payment", "paid", "credit card",
                    "subscription fee", "pric", "money", "$", "€", "£")),
            Map.entry(SECURITY, List.of("hack", "breach", "compromised", "phishing", "stolen", "unauthori",
                    "account takeover", "someone logged in", "fraud", "2fa", "password reset", "leak", "exposed",
                    "vulnerab", "exploit", "security ")),
            Map.entry(CHURN, List.of("cancel", "unsubscrib", "switch", "moving ", "leaving ", "done with",
                    "close my account", "delete my account", "never ", "find another provider")),
            Map.entry(LEGAL, List.of("lawyer", "attorney", "sue", "suing", "lawsuit", "legal action", "court",
                    "small claims", "class action", "regulator", "ftc", "gdpr complaint", "report you to")),
            Map.entry(SPAM, List.of("link in ", "dm ", "click ", "giveaway", "airdrop", "free ", "buy ", "% ",
                    "guaranteed return", "earn ", "make money", "passive income", "onlyfans", "crypto signals",
                    "forex signals", "casino bonus", "hot singles", "follow for follow", "like for like",
                    "no prescription")),
            Map.entry(COMPLAINT, List.of("terrible", "worst", "awful", "horrible", "disappoint", "unacceptable",
                    "ridiculous", "sucks", "useless", "frustrat", "annoy", "angry", "furious", "fed up", "complain",
                    "still waiting", "nobody answers", "no one answers", "no response", "poor service")),
            Map.entry(PRAISE, List.of("lov", "great", "awesome", "amazing", "thank", "excellent", "fantastic",
                    "brilliant", "kudos", "well done", "impressed", "best")),
            Map.entry(NEGATION, List.of("no", "never ", "n't ")),
            Map.entry(HELP, List.of("help", "how ", "where ", "anyone know")),
            Map.entry(QUESTION_MARK, List.of("?")),
            Map.entry(PROBLEM, List.of("charged", "overcharg", "wrong ", "still ", "hasn't ", "has not ", "never ",
                    "not yet ", "not received", "didn't receive", "can ", "please ", "look into", "any update",
                    "again")));

    private static final Node ROOT = build();

    private KeywordScan() {
    }

    /** The bits of every rule with an anchor somewhere in the text. */
    static int scan(String text) {
        int mask = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            Node node = ROOT;
            for (int j = i; j < length; j++) {
                node = node.child(text.charAt(j));
                if (node == null) {
                    break;
                }
                mask |= node.mask;
            }
        }
        return mask;
    }

    private static Node build() {
        Node root = new Node();
        ANCHORS.forEach((bit, anchors) -> {
            for (String anchor : anchors) {
                Node node = root;
                for (int i = 0; i < anchor.length(); i++) {
                    node = node.childOrNew(anchor.charAt(i));
                }
                node.mask |= bit;
            }
        });
        return root;
    }

    /** A trie node: ASCII children in an array, others (€, £) in a short list. */
    private static final class Node {
        private final Node[] ascii = new Node[128];
        private char[] otherKeys = new char[0];
        private Node[] others = new Node[0];
        int mask;

        Node child(char c) {
            if (c < 128) {
                return ascii[c];
            }
            for (int k = 0; k < otherKeys.length; k++) {
                if (otherKeys[k] == c) {
                    return others[k];
                }
            }
            return null;
        }

        Node childOrNew(char c) {
            Node child = child(c);
            if (child != null) {
                return child;
            }
            child = new Node();
            if (c < 128) {
                ascii[c] = child;
            } else {
                otherKeys = Arrays.copyOf(otherKeys, otherKeys.length + 1);
                others = Arrays.copyOf(others, others.length + 1);
                otherKeys[otherKeys.length - 1] = c;
                others[others.length - 1] = child;
            }
            return child;
        }
    }
}
