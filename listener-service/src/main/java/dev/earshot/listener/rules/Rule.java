package dev.earshot.listener.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;


/**
 * A listening rule: a query in the rule language (words, "quoted phrases", #hashtags, @handles, AND / OR /
 * NOT, {@code -term}, parentheses; terms side by side are ANDed; whole words, any case) plus optional
 * language and source filters. Constructing a rule compiles its query and throws
 * {@link QuerySyntaxException} (with the column) when it does not parse.
 *
 * <p>Every post is matched locally against every rule; a connector uses {@link #searchTerms()} and
 * {@link #hashtags()} only to pre-filter on the platform.
 *
 * @param id the rule id, carried in {@code matchedRules} of a mention
 * @param query the query as written
 * @param languages ISO 639-1 codes (e.g. {@code en}); empty = any language. A post without a language hint
 *        is never excluded by this filter
 * @param sources source names (e.g. {@code mastodon}); empty = every source
 * @param compiled the parsed query
 */
@JsonPropertyOrder({ "id", "query", "languages", "sources" })
public record Rule(String id, String query, List<String> languages, List<String> sources,
        @JsonIgnore Query compiled) {

    public Rule {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a rule needs an id");
        }
        languages = languages == null ? List.of()
                : languages.stream().map(Rule::primaryLanguage).filter(l -> !l.isEmpty()).distinct().toList();
        sources = sources == null ? List.of()
                : sources.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).distinct()
                        .toList();
        if (compiled == null) {
            compiled = QueryParser.parse(query);
        }
    }

    /**
     * A rule as the API and the configuration must write it: the query passes {@link QueryParser#parseStrict}
     * and every language is an ISO 639-1 code (a region such as {@code en-US} is dropped). Throws
     * {@link QuerySyntaxException} for the query and {@link IllegalArgumentException} for a language.
     */
    public static Rule strict(String id, String query, List<String> languages, List<String> sources) {
        Query compiled = QueryParser.parseStrict(query);
        for (String language : languages == null ? List.<String>of() : languages) {
            if (!ISO_LANGUAGES.contains(primaryLanguage(language))) {
                throw new IllegalArgumentException("languages: '" + language + "' is not an ISO 639-1 language code "
                        + "(e.g. en, de, pt-BR)");
            }
        }
        return new Rule(id, query, languages, sources, compiled);
    }

    private static final Set<String> ISO_LANGUAGES = Set.of(Locale.getISOLanguages());

    /** A rule over all languages and sources. */
    public Rule(String id, String query) {
        this(id, query, List.of(), List.of(), null);
    }

    public Rule(String id, String query, List<String> languages, List<String> sources) {
        this(id, query, languages, sources, null);
    }

    /**
     * Platform pre-filter: a post that matches this rule contains at least one of these terms (words, or
     * phrases of several words separated by spaces; hashtags and handles without their {@code #}/{@code @}),
     * lower-case, distinct. Searching each (or all of them OR-ed) on the platform therefore finds every
     * candidate. Empty when the query has no positive term that every match must contain (e.g. a pure
     * {@code NOT} query): the connector must then read unfiltered feeds or skip the rule.
     */
    public List<String> searchTerms() {
        List<Query.Term> triggers = triggerTerms();
        if (triggers == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        triggers.forEach(t -> out.add(t.text().toLowerCase(Locale.ROOT)));
        return List.copyOf(out);
    }

    /**
     * The hashtags the query looks for (every {@code #tag} not under a NOT), lower-case, without {@code #};
     * for platforms with tag timelines (Mastodon). Empty when the query has none.
     */
    public List<String> hashtags() {
        Set<String> out = new LinkedHashSet<>();
        collectPositive(compiled, false, term -> {
            if (term.kind() == Query.Kind.HASHTAG) {
                out.add(term.text().toLowerCase(Locale.ROOT));
            }
        });
        return List.copyOf(out);
    }

    /** The terms the query excludes (under NOT or {@code -}), for platforms that can exclude (Mastodon {@code none[]}). */
    public List<String> excludedTerms() {
        Set<String> out = new LinkedHashSet<>();
        collectNegative(compiled, false, out);
        return List.copyOf(out);
    }

    /** Whether this rule listens to the given source ({@code sources} empty: to all). */
    public boolean appliesTo(String source) {
        return sources.isEmpty() || (source != null && sources.contains(source.toLowerCase(Locale.ROOT)));
    }

    /** Whether a post with this language hint passes the language filter (no hint: yes). */
    public boolean acceptsLanguage(String languageHint) {
        if (languages.isEmpty() || languageHint == null || languageHint.isBlank()) {
            return true;
        }
        return languages.contains(primaryLanguage(languageHint));
    }

    /** Matches the query alone (no source or language filter) against a tokenised post. */
    public boolean matchesText(TextTokens post) {
        return compiled.matches(post);
    }

    /** Source, language and query together. */
    public boolean matches(String source, String languageHint, TextTokens post) {
        return appliesTo(source) && acceptsLanguage(languageHint) && compiled.matches(post);
    }

    /**
     * Terms of which every matching post contains at least one, or null when there is no such set (a
     * query that can match without any positive term). The rule index evaluates a rule only for posts
     * containing one of them.
     */
    @JsonIgnore
    public List<Query.Term> triggerTerms() {
        return triggers(compiled);
    }

    static List<Query.Term> triggers(Query query) {
        if (query instanceof Query.Term term) {
            return List.of(term);
        }
        if (query instanceof Query.Not) {
            return null;
        }
        if (query instanceof Query.Or or) {
            List<Query.Term> all = new ArrayList<>();
            for (Query part : or.parts()) {
                List<Query.Term> sub = triggers(part);
                if (sub == null) {
                    return null;
                }
                all.addAll(sub);
            }
            return all;
        }
        List<Query.Term> best = null;
        for (Query part : ((Query.And) query).parts()) {
            List<Query.Term> sub = triggers(part);
            if (sub != null && (best == null || sub.size() < best.size())) {
                best = sub;
            }
        }
        return best;
    }

    private static void collectPositive(Query query, boolean negated, java.util.function.Consumer<Query.Term> sink) {
        if (query instanceof Query.Term term) {
            if (!negated) {
                sink.accept(term);
            }
        } else if (query instanceof Query.Not not) {
            collectPositive(not.part(), !negated, sink);
        } else if (query instanceof Query.And and) {
            and.parts().forEach(p -> collectPositive(p, negated, sink));
        } else if (query instanceof Query.Or or) {
            or.parts().forEach(p -> collectPositive(p, negated, sink));
        }
    }

    private static void collectNegative(Query query, boolean negated, Set<String> sink) {
        collectPositive(query, !negated, term -> sink.add(term.text().toLowerCase(Locale.ROOT)));
    }

    /** {@code en-US}, {@code EN_gb} and {@code en} all become {@code en}. */
    static String primaryLanguage(String tag) {
        String stripped = tag.strip().toLowerCase(Locale.ROOT);
        int cut = stripped.indexOf('-');
        if (cut < 0) {
            cut = stripped.indexOf('_');
        }
        return cut < 0 ? stripped : stripped.substring(0, cut);
    }
}
