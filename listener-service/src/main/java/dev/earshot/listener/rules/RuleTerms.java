package dev.earshot.listener.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;


/** What the connectors send to a platform as its pre-filter, derived from a rule. */
public final class RuleTerms {

    private static final Pattern HASHTAG_TEXT = Pattern.compile("[\\p{L}\\p{N}_]+");

    private RuleTerms() {
    }

    /**
     * The hashtags to read for a rule, lower case, without {@code #}: its own hashtags and, when
     * {@code fromKeywords} is set, its single-word search terms too (a rule for {@code acme} reads {@code #acme}).
     */
    public static List<String> hashtags(Rule rule, boolean fromKeywords) {
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : rule.hashtags()) {
            addTag(tags, tag);
        }
        if (fromKeywords) {
            for (String term : rule.searchTerms()) {
                addTag(tags, term);
            }
        }
        return new ArrayList<>(tags);
    }

    /**
     * Hashtags no match of the rule may carry: {@code NOT #tag} (or {@code -#tag}) directly under the
     * query's top-level AND. Only those are safe to exclude on the platform.
     */
    public static List<String> excludedHashtags(Rule rule) {
        Set<String> tags = new LinkedHashSet<>();
        Query query = rule.compiled();
        List<Query> parts = query instanceof Query.And and ? and.parts() : List.of(query);
        for (Query part : parts) {
            if (part instanceof Query.Not not && not.part() instanceof Query.Term term
                    && term.kind() == Query.Kind.HASHTAG) {
                addTag(tags, term.text());
            }
        }
        return new ArrayList<>(tags);
    }

    private static void addTag(Set<String> tags, String raw) {
        if (raw == null) {
            return;
        }
        String tag = raw.strip();
        if (tag.startsWith("#")) {
            tag = tag.substring(1);
        }
        if (HASHTAG_TEXT.matcher(tag).matches()) {
            tags.add(tag.toLowerCase(Locale.ROOT));
        }
    }

    /** A search query for platforms with boolean search: the terms OR-ed (sorted, so equal rules share it), phrases quoted. */
    public static String orQuery(List<String> terms) {
        Set<String> parts = new java.util.TreeSet<>();
        for (String term : terms) {
            String clean = term.replace("\"", " ").strip();
            if (!clean.isEmpty()) {
                parts.add(clean.contains(" ") ? "\"" + clean + "\"" : clean);
            }
        }
        return String.join(" OR ", parts);
    }
}
