package dev.earshot.listener.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Local rule matching: a keyword matches when it appears as a whole word, ignoring case. Platform
 * search is only a pre-filter (Algolia also matches URLs, authors and word prefixes).
 */
@ApplicationScoped
public class KeywordMatcher {

    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    public boolean matches(String keyword, String... texts) {
        Pattern pattern = patterns.computeIfAbsent(keyword, k -> Pattern.compile(
                "(?<![\\p{L}\\p{N}_])" + Pattern.quote(k.strip()) + "(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        for (String text : texts) {
            if (text != null && pattern.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }
}
