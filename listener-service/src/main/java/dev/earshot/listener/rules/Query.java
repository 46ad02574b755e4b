package dev.earshot.listener.rules;

import java.util.List;

/**
 * A parsed rule query. Terms hold their words already normalised by {@link TextTokens#words(String)}, so
 * matching compares token sequences: a word term is a one-token sequence, a phrase or a term such as
 * {@code node.js} a longer one.
 */
public sealed interface Query {

    /** Whether a post's tokens satisfy this query. */
    boolean matches(TextTokens post);

    /** What kind of term: a plain word or phrase, a {@code #hashtag}, an {@code @handle}. */
    enum Kind {
        WORD, HASHTAG, HANDLE
    }

    /**
     * A word, phrase, hashtag or handle. {@code text} is how the user wrote it (without quotes),
     * {@code tokens} its normalised words.
     */
    record Term(Kind kind, String text, List<String> tokens, boolean phrase) implements Query {
        public Term {
            tokens = List.copyOf(tokens);
        }

        @Override
        public boolean matches(TextTokens post) {
            return switch (kind) {
                case WORD -> post.containsSequence(tokens);
                case HASHTAG -> post.hasHashtag(tokens.get(0)) && post.containsSequence(tokens);
                case HANDLE -> post.hasHandle(tokens.get(0)) && post.containsSequence(tokens);
            };
        }
    }

    record And(List<Query> parts) implements Query {
        public And {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean matches(TextTokens post) {
            for (Query part : parts) {
                if (!part.matches(post)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<Query> parts) implements Query {
        public Or {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean matches(TextTokens post) {
            for (Query part : parts) {
                if (part.matches(post)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Query part) implements Query {
        @Override
        public boolean matches(TextTokens post) {
            return !part.matches(post);
        }
    }
}
