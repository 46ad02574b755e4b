package dev.earshot.sentiment.scoring;

import java.util.regex.Pattern;

/** Keyword and phrase rules over {@link TextNormalizer}-normalised (lowercase) text. */
final class Rules {

    static final Pattern OUTAGE = Pattern.compile("\\b(?:down|outage|outages|offline|not working|isn't working"
            + "|is not working|doesn't work|does not work|stopped working|won't load|not loading|unavailable"
            + "|unreachable|broken|crash(?:es|ed|ing)?|error 5\\d\\d|50[0234] error|can't (?:log ?in|connect|access)"
            + "|cannot (?:log ?in|connect|access)|service disruption|errors?|fail(?:s|ed|ing)? (?:to|with)|failing|freez\\w*"
            + "|frozen|stuck (?:on|at|loading)|timed out|times out|timeouts?|bug|buggy|glitch\\w*"
            + "|won't (?:open|load|start|connect|sync)|blank (?:page|screen)|white screen|went offline|keeps crashing)\\b");
    static final Pattern BILLING = Pattern.compile("(?:\\b(?:bill|billed|billing|charge|charged|charges|charging"
            + "|invoice|invoiced|refund|refunds|payment|payments|paid|overcharg\\w*|double charged|credit card"
            + "|subscription fee|price|pricing|money)\\b|[$€£]\\s?\\d)");
    static final Pattern SECURITY = Pattern.compile("\\b(?:hacked|hacker|breach|breached|compromised|phishing"
            + "|stolen|unauthori[sz]ed|account takeover|someone logged in|fraud|fraudulent|2fa|password reset"
            + "|data leak|leak|leaks|leaking|leaked|exposed|vulnerability|vulnerable|exploit|security (?:hole|issue|bug|flaw))\\b");
    static final Pattern CHURN = Pattern.compile("\\b(?:cancel|cancelling|canceling|cancelled|canceled"
            + "|unsubscribe|unsubscribing|switch(?:ing)? to|moving (?:to|away)|leaving (?:you|for)|done with"
            + "|close my account|delete my account|never (?:again|buying)|find another provider)\\b");
    static final Pattern LEGAL = Pattern.compile("\\b(?:lawyer|lawyers|attorney|sue|suing|lawsuit|legal action"
            + "|court|small claims|class action|regulator|ftc|gdpr complaint|report you to)\\b");
    static final Pattern SPAM = Pattern.compile("\\b(?:link in (?:my )?bio|dm (?:me|now|us|for)|click (?:here|the link|link)"
            + "|giveaway|airdrop|free (?:crypto|followers|robux|gift cards?|vouchers?)|buy (?:followers|likes|views|accounts)"
            + "|\\d+% (?:daily|weekly|monthly)|guaranteed returns?|earn \\$?\\d+|make money|passive income|onlyfans"
            + "|crypto signals|forex signals|casino bonus|hot singles|follow for follow|like for like|no prescription)\\b");
    static final Pattern QUESTION_START = Pattern.compile("^(?:how|why|what|when|where|who|which|can|could"
            + "|is|are|does|do|did|will|would|should|has|have)\\b");
    static final Pattern COMPLAINT = Pattern.compile("\\b(?:terrible|worst|awful|horrible|disappointed|disappointing"
            + "|unacceptable|ridiculous|sucks|useless|frustrat\\w*|annoy\\w*|angry|furious|fed up|complain\\w*"
            + "|still waiting|nobody answers|no one answers|no response|poor service)\\b");
    /**
     * Something is wrong and not yet put right, however politely said: charged twice, still waiting,
     * not received, down again, "can someone look at this". Makes a post a complaint whatever its tone.
     */
    static final Pattern PROBLEM_REPORT = Pattern.compile("\\b(?:charged (?:me )?(?:twice|two times|again|double)"
            + "|double[- ]charged|overcharg\\w*|wrong (?:amount|charge|bill|invoice|item|order)"
            + "|still (?:not|no|can't|cannot|doesn't|don't|isn't|won't|haven't|hasn't|waiting|charged|broken|down"
            + "|missing|getting|seeing|having|failing|unable)|(?:hasn't|has not|never|not yet) (?:arrived|been"
            + " (?:fixed|resolved|refunded|answered))|not received|didn't receive|can (?:someone|anyone|you)"
            + " (?:please )?(?:look|check|help|fix)|please (?:fix|look into|check)|look into (?:this|it)|any update"
            + "|(?:down|broken|crashed|charged|failing|happened|logged out) again)\\b");
    static final Pattern PRAISE = Pattern.compile("\\b(?:love|loving|loved|great|awesome|amazing|thank you|thanks"
            + "|excellent|fantastic|brilliant|kudos|well done|impressed|best)\\b");
    static final Pattern NEGATED_PRAISE = Pattern.compile("\\b(?:not|never|no|don't|doesn't|didn't|isn't|wasn't)"
            + " (?:\\w+ )?(?:love|loving|loved|great|awesome|amazing|excellent|fantastic|brilliant|impressed|best)\\b");

    private Rules() {
    }

    static final Pattern HELP_REQUEST = Pattern.compile("\\b(?:can (?:someone|anyone|you) help|need help|please help"
            + "|help me|how (?:do|can|to) i|how to|where (?:do|can) i|anyone know|does anyone know)\\b");

    /** The rule's definition; {@link #asksQuestion(String, int)} answers the same, faster. */
    static boolean asksQuestion(String text) {
        return text.contains("?") || QUESTION_START.matcher(text).find() || HELP_REQUEST.matcher(text).find();
    }

    /** The rule's definition; {@link #praises(String, int)} answers the same, faster. */
    static boolean praises(String text) {
        return PRAISE.matcher(text).find() && !NEGATED_PRAISE.matcher(text).find();
    }

    /** {@code pattern.matcher(text).find()}, skipped when none of its anchors is in {@code scan}. */
    static boolean find(Pattern pattern, int anchor, String text, int scan) {
        return (scan & anchor) != 0 && pattern.matcher(text).find();
    }

    /**
     * {@link #asksQuestion(String)} given {@code scan = KeywordScan.scan(text)}. QUESTION_START is
     * anchored at the start of the text ({@code ^}, not multi-line), so {@code lookingAt} answers what
     * {@code find} answers without trying every position.
     */
    static boolean asksQuestion(String text, int scan) {
        return (scan & KeywordScan.QUESTION_MARK) != 0 || QUESTION_START.matcher(text).lookingAt()
                || find(HELP_REQUEST, KeywordScan.HELP, text, scan);
    }

    /** {@code PROBLEM_REPORT.matcher(text).find()} given {@code scan = KeywordScan.scan(text)}. */
    static boolean reportsProblem(String text, int scan) {
        return find(PROBLEM_REPORT, KeywordScan.PROBLEM, text, scan);
    }

    /** {@link #praises(String)} given {@code scan = KeywordScan.scan(text)}. */
    static boolean praises(String text, int scan) {
        return find(PRAISE, KeywordScan.PRAISE, text, scan) && !negatesPraise(text, scan);
    }

    /** {@code NEGATED_PRAISE.matcher(text).find()} given {@code scan = KeywordScan.scan(text)}. */
    static boolean negatesPraise(String text, int scan) {
        int both = KeywordScan.PRAISE | KeywordScan.NEGATION;
        return (scan & both) == both && NEGATED_PRAISE.matcher(text).find();
    }
}
