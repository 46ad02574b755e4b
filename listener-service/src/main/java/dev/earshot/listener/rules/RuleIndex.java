package dev.earshot.listener.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


/**
 * An immutable snapshot of the rules, indexed for matching many posts against hundreds of rules: each
 * rule is filed under the words of its trigger terms (every match contains at least one of them), so a
 * post is evaluated only against the rules filed under one of its words, plus the few rules without
 * trigger terms (pure NOT queries), which are evaluated for every post.
 */
public final class RuleIndex {

    private final List<Rule> rules;
    private final Map<String, int[]> byWord;
    private final int[] always;

    public RuleIndex(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        Map<String, List<Integer>> index = new HashMap<>();
        List<Integer> unindexed = new ArrayList<>();
        for (int i = 0; i < this.rules.size(); i++) {
            List<Query.Term> triggers = this.rules.get(i).triggerTerms();
            if (triggers == null) {
                unindexed.add(i);
                continue;
            }
            for (Query.Term term : triggers) {
                List<Integer> filed = index.computeIfAbsent(indexWord(term), w -> new ArrayList<>());
                if (filed.isEmpty() || filed.get(filed.size() - 1) != i) {
                    filed.add(i);
                }
            }
        }
        this.byWord = new HashMap<>(index.size() * 2);
        index.forEach((word, ids) -> byWord.put(word, ids.stream().mapToInt(Integer::intValue).toArray()));
        this.always = unindexed.stream().mapToInt(Integer::intValue).toArray();
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The ids of the rules matching the post, in rule order. */
    public List<String> match(String source, String languageHint, TextTokens post) {
        boolean[] candidate = new boolean[rules.size()];
        int candidates = 0;
        for (String word : post.distinctWords()) {
            int[] filed = byWord.get(word);
            if (filed != null) {
                for (int i : filed) {
                    if (!candidate[i]) {
                        candidate[i] = true;
                        candidates++;
                    }
                }
            }
        }
        for (int i : always) {
            if (!candidate[i]) {
                candidate[i] = true;
                candidates++;
            }
        }
        if (candidates == 0) {
            return List.of();
        }
        List<String> matched = new ArrayList<>(2);
        for (int i = 0; i < candidate.length; i++) {
            if (candidate[i] && rules.get(i).matches(source, languageHint, post)) {
                matched.add(rules.get(i).id());
            }
        }
        return matched;
    }

    /** The longest word of a term: the most selective one to file the rule under. */
    private static String indexWord(Query.Term term) {
        String best = term.tokens().get(0);
        for (String token : term.tokens()) {
            if (token.length() > best.length()) {
                best = token;
            }
        }
        return best;
    }
}
