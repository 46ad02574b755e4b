package dev.earshot.listener.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser of the rule query language:
 *
 * <pre>
 * query   = or EOF
 * or      = and { "OR" and }
 * and     = unary { ["AND"] unary }          (terms side by side are ANDed)
 * unary   = "NOT" unary | "-" primary | primary
 * primary = "(" or ")" | word | "quoted phrase" | #hashtag | @handle
 * </pre>
 *
 * AND, OR and NOT are operators only in capitals ({@code not} is a word). Errors name the 1-based column.
 * Parentheses and NOTs nest at most {@value #MAX_NESTING} deep: each level costs a few stack frames, and a query
 * within the length limit could otherwise overflow the stack of the thread parsing it.
 */
public final class QueryParser {

    /** Longest query accepted, in characters. */
    public static final int MAX_LENGTH = 2000;

    /** Deepest nesting of parentheses and NOTs accepted. */
    public static final int MAX_NESTING = 32;

    private enum Type {
        WORD, PHRASE, LPAREN, RPAREN, AND, OR, NOT, MINUS, EOF
    }

    private record Token(Type type, String text, int column) {
        String describe() {
            return switch (type) {
                case EOF -> "end of query";
                case PHRASE -> "\"" + text + "\"";
                default -> "'" + text + "'";
            };
        }
    }

    private final List<Token> tokens;
    private int position;
    private int nesting;

    private QueryParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses a query; throws {@link QuerySyntaxException} with the column of the first error. */
    public static Query parse(String query) {
        if (query == null || query.isBlank()) {
            throw new QuerySyntaxException("the query is empty", 1);
        }
        if (query.length() > MAX_LENGTH) {
            throw new QuerySyntaxException("the query is longer than " + MAX_LENGTH + " characters",
                    MAX_LENGTH + 1);
        }
        QueryParser parser = new QueryParser(lex(query));
        Query result = parser.or();
        Token rest = parser.peek();
        if (rest.type != Type.EOF) {
            throw new QuerySyntaxException("unexpected " + rest.describe() + " at column " + rest.column,
                    rest.column);
        }
        return result;
    }

    /**
     * Parses a query as a rule written now must be (the API and the configuration): besides {@link #parse}, a
     * lower-case {@code and}, {@code or} or {@code not} is refused (it reads as an operator but would match the
     * word; quote it to mean the word), and so is a query that a post can match without containing any of its
     * terms (only {@code NOT} or {@code -} terms: it matches nearly every post). Rules stored before these checks
     * still load through {@link #parse}.
     */
    public static Query parseStrict(String query) {
        Query parsed = parse(query);
        for (Token token : lex(query)) {
            if (token.type == Type.WORD && List.of("and", "or", "not").contains(token.text.toLowerCase(Locale.ROOT))) {
                String upper = token.text.toUpperCase(Locale.ROOT);
                throw new QuerySyntaxException("'" + token.text + "' at column " + token.column + ": write " + upper
                        + " in capitals for the operator, or \"" + token.text + "\" in quotes for the word",
                        token.column);
            }
        }
        if (Rule.triggers(parsed) == null) {
            int column = lex(query).stream().filter(t -> t.type == Type.NOT || t.type == Type.MINUS).findFirst()
                    .map(Token::column).orElse(1);
            throw new QuerySyntaxException("the query can match a post without any of its terms (only NOT or '-' "
                    + "terms at column " + column + "), so it would match nearly every post; add a term it must "
                    + "contain", column);
        }
        return parsed;
    }

    private Query or() {
        List<Query> parts = new ArrayList<>();
        parts.add(and());
        while (peek().type == Type.OR) {
            Token operator = next();
            requireOperand(operator);
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Query.Or(parts);
    }

    private Query and() {
        List<Query> parts = new ArrayList<>();
        parts.add(unary());
        while (true) {
            Token token = peek();
            if (token.type == Type.AND) {
                next();
                requireOperand(token);
                parts.add(unary());
            } else if (startsOperand(token.type)) {
                parts.add(unary());
            } else {
                break;
            }
        }
        return parts.size() == 1 ? parts.get(0) : new Query.And(parts);
    }

    private Query unary() {
        Token token = peek();
        if (token.type == Type.NOT || token.type == Type.MINUS) {
            next();
            if (!startsOperand(peek().type) || (token.type == Type.MINUS && peek().type == Type.NOT)) {
                String operator = token.type == Type.NOT ? "NOT" : "'-'";
                throw new QuerySyntaxException(operator + " needs a term at column " + token.column, token.column);
            }
            if (token.type == Type.MINUS) {
                return new Query.Not(primary());
            }
            enter(token);
            Query operand = unary();
            nesting--;
            return new Query.Not(operand);
        }
        return primary();
    }

    private Query primary() {
        Token token = next();
        switch (token.type) {
            case LPAREN -> {
                if (peek().type == Type.RPAREN) {
                    throw new QuerySyntaxException("empty parentheses at column " + token.column, token.column);
                }
                enter(token);
                Query inner = or();
                nesting--;
                Token close = next();
                if (close.type != Type.RPAREN) {
                    if (close.type == Type.EOF) {
                        throw new QuerySyntaxException("missing ')' for the '(' at column " + token.column,
                                token.column);
                    }
                    throw new QuerySyntaxException("unexpected " + close.describe() + " at column " + close.column,
                            close.column);
                }
                return inner;
            }
            case WORD -> {
                return term(token);
            }
            case PHRASE -> {
                List<String> words = TextTokens.words(token.text);
                if (words.isEmpty()) {
                    throw new QuerySyntaxException("empty phrase at column " + token.column, token.column);
                }
                return new Query.Term(Query.Kind.WORD, token.text.strip(), words, true);
            }
            default -> throw new QuerySyntaxException(
                    "unexpected " + token.describe() + " at column " + token.column, token.column);
        }
    }

    private void enter(Token token) {
        if (++nesting > MAX_NESTING) {
            throw new QuerySyntaxException("nested deeper than " + MAX_NESTING + " levels at column " + token.column,
                    token.column);
        }
    }

    private static Query term(Token token) {
        String text = token.text;
        Query.Kind kind = Query.Kind.WORD;
        if (text.startsWith("#")) {
            kind = Query.Kind.HASHTAG;
            text = text.substring(1);
        } else if (text.startsWith("@")) {
            kind = Query.Kind.HANDLE;
            text = text.substring(1);
        }
        List<String> words = TextTokens.words(text);
        if (words.isEmpty() || (kind != Query.Kind.WORD && !startsWithWordChar(text))) {
            throw new QuerySyntaxException("'" + token.text + "' at column " + token.column
                    + " has no letters or digits to match", token.column);
        }
        return new Query.Term(kind, text, words, words.size() > 1);
    }

    private static boolean startsWithWordChar(String text) {
        int cp = text.codePointAt(0);
        return Character.isLetterOrDigit(cp) || cp == '_';
    }

    private void requireOperand(Token operator) {
        if (!startsOperand(peek().type)) {
            throw new QuerySyntaxException(operator.text + " needs a term on both sides at column " + operator.column,
                    operator.column);
        }
    }

    private static boolean startsOperand(Type type) {
        return type == Type.WORD || type == Type.PHRASE || type == Type.LPAREN || type == Type.NOT
                || type == Type.MINUS;
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.type != Type.EOF) {
            position++;
        }
        return token;
    }

    private static List<Token> lex(String query) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int length = query.length();
        while (i < length) {
            char c = query.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Token(Type.LPAREN, "(", column));
                i++;
            } else if (c == ')') {
                out.add(new Token(Type.RPAREN, ")", column));
                i++;
            } else if (c == '"') {
                int end = query.indexOf('"', i + 1);
                if (end < 0) {
                    throw new QuerySyntaxException("unterminated quote starting at column " + column, column);
                }
                out.add(new Token(Type.PHRASE, query.substring(i + 1, end), column));
                i = end + 1;
            } else if (c == '-' && i + 1 < length && !Character.isWhitespace(query.charAt(i + 1))
                    && query.charAt(i + 1) != ')') {
                out.add(new Token(Type.MINUS, "-", column));
                i++;
            } else {
                int start = i;
                while (i < length && !Character.isWhitespace(query.charAt(i)) && "()\"".indexOf(query.charAt(i)) < 0) {
                    i++;
                }
                String word = query.substring(start, i);
                Type type = switch (word) {
                    case "AND" -> Type.AND;
                    case "OR" -> Type.OR;
                    case "NOT" -> Type.NOT;
                    default -> Type.WORD;
                };
                out.add(new Token(type, word, column));
            }
        }
        out.add(new Token(Type.EOF, "", length + 1));
        return out;
    }
}
