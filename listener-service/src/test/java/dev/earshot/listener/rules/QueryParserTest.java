package dev.earshot.listener.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;


class QueryParserTest {

    private static boolean matches(String query, String title, String text) {
        return QueryParser.parse(query).matches(TextTokens.of(title, text));
    }

    private static boolean matches(String query, String text) {
        return matches(query, null, text);
    }

    private static QuerySyntaxException error(String query) {
        return assertThrows(QuerySyntaxException.class, () -> QueryParser.parse(query));
    }

    @Test
    void wordsMatchWholeWordsIgnoringCase() {
        assertTrue(matches("quarkus", "I love QUARKUS."));
        assertTrue(matches("quarkus", null, "(quarkus)"));
        assertTrue(matches("quarkus", "Quarkus 4 is out", null));
        assertFalse(matches("quarkus", "quarkusio is a GitHub org"));
        assertFalse(matches("quarkus", "superquarkus"));
        assertFalse(matches("quarkus", "quarkus_x"));
        assertFalse(matches("quarkus", null, null));
        assertTrue(matches("Ünïcode", "ünïcode works"));
    }

    @Test
    void phrasesMatchConsecutiveWordsWithinTitleOrText() {
        assertTrue(matches("\"acme cloud\"", "Acme Cloud is down"));
        assertTrue(matches("\"acme cloud\"", "acme, cloud!"));
        assertFalse(matches("\"acme cloud\"", "cloud acme"));
        assertFalse(matches("\"acme cloud\"", "acme the cloud"));
        assertFalse(matches("\"acme cloud\"", "About acme", "cloud is great"), "no phrase across title and text");
        assertTrue(matches("node.js", "we run Node.js"), "a term with punctuation is a phrase of its words");
    }

    @Test
    void booleanOperatorsWithPrecedenceAndParentheses() {
        String query = "acme AND (outage OR down) -test";
        assertTrue(matches(query, "ACME is down again"));
        assertTrue(matches(query, "acme outage in eu"));
        assertFalse(matches(query, "acme is fine"));
        assertFalse(matches(query, "acme down, just a test"));
        assertTrue(matches("acme outage", "outage at acme"), "implicit AND");
        assertFalse(matches("acme outage", "outage somewhere"));
        assertTrue(matches("a OR b c", "b c"), "AND binds tighter than OR");
        assertTrue(matches("a OR b c", "a"));
        assertFalse(matches("a OR b c", "b"));
        assertTrue(matches("acme NOT NOT down", "acme down"));
        assertTrue(matches("NOT spam", "anything"), "a pure NOT query matches what it does not exclude");
        assertFalse(matches("NOT spam", "spam here"));
        assertTrue(matches("acme not", "acme is not down"), "lower-case not is a word");
    }

    @Test
    void hashtagsAndHandles() {
        assertTrue(matches("#acme", "Down again #Acme"));
        assertFalse(matches("#acme", "acme without a tag"));
        assertTrue(matches("@acmesupport", "hey @AcmeSupport help"));
        assertFalse(matches("@acmesupport", "acmesupport"));
        assertTrue(matches("acme", "#acme"), "a plain word also matches the word of a hashtag");
    }

    @Test
    void errorsSayWhereTheQueryIsWrong() {
        assertEquals("unexpected ')' at column 14", error("acme AND down)").getMessage());
        assertEquals(14, error("acme AND down)").column());
        assertEquals("unterminated quote starting at column 3", error("a \"acme cloud").getMessage());
        assertEquals("NOT needs a term at column 21", error("acme AND (down OR x NOT)").getMessage());
        assertEquals("missing ')' for the '(' at column 6", error("acme (down OR up").getMessage());
        assertEquals("AND needs a term on both sides at column 6", error("acme AND").getMessage());
        assertEquals("unexpected 'OR' at column 1", error("OR acme").getMessage());
        assertEquals("empty parentheses at column 6", error("acme () x").getMessage());
        assertEquals("empty phrase at column 6", error("acme \"  \"").getMessage());
        assertEquals("the query is empty", error("   ").getMessage());
        assertEquals("'!!!' at column 1 has no letters or digits to match", error("!!!").getMessage());
        assertEquals("'#' at column 6 has no letters or digits to match", error("acme # x").getMessage());
    }

    @Test
    void nestingIsLimitedSoADeepQueryCannotOverflowTheStack() {
        String deep = "(".repeat(720) + "acme" + ")".repeat(720);
        assertTrue(deep.length() <= QueryParser.MAX_LENGTH);
        QuerySyntaxException e = error(deep);
        assertEquals("nested deeper than 32 levels at column 33", e.getMessage());
        assertEquals(33, e.column());
        assertEquals("nested deeper than 32 levels at column 129", error("NOT ".repeat(40) + "acme").getMessage());
        assertTrue(matches("(".repeat(32) + "acme" + ")".repeat(32), "acme"));
        assertFalse(matches("NOT ".repeat(31) + "acme", "acme"));
    }

    @Test
    void searchTermsAreWhatEveryMatchContainsAtLeastOneOf() {
        assertEquals(List.of("acme"), new Rule("r", "acme AND (outage OR down) -test").searchTerms());
        assertEquals(List.of("acme cloud", "acmecloud"), new Rule("r", "\"Acme Cloud\" OR #AcmeCloud").searchTerms());
        assertEquals(List.of("outage", "down"), new Rule("r", "(outage OR down) (acme OR acmecorp OR acme-inc)")
                .searchTerms(), "the AND side with fewer terms");
        assertEquals(List.of(), new Rule("r", "NOT spam").searchTerms());
        assertEquals(List.of(), new Rule("r", "acme OR NOT spam").searchTerms());
        assertEquals(List.of("acmecloud"), new Rule("r", "#AcmeCloud OR acme -#spam").hashtags());
        assertEquals(List.of("test", "spam"), new Rule("r", "acme -test NOT #spam").excludedTerms());
    }

    @Test
    void languageAndSourceFilters() {
        Rule rule = new Rule("r", "acme", List.of("en", "pt-BR"), List.of("Mastodon"));
        assertEquals(List.of("en", "pt"), rule.languages());
        assertTrue(rule.appliesTo("mastodon"));
        assertFalse(rule.appliesTo("reddit"));
        assertTrue(rule.acceptsLanguage("EN-us"));
        assertTrue(rule.acceptsLanguage("pt"));
        assertFalse(rule.acceptsLanguage("de"));
        assertTrue(rule.acceptsLanguage(null), "a post without a hint is not excluded");
        assertTrue(rule.matches("mastodon", null, TextTokens.of("acme")));
        assertFalse(rule.matches("mastodon", "fr", TextTokens.of("acme")));
        assertTrue(new Rule("all", "acme").appliesTo("anything"));
    }
}
