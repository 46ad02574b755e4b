package dev.earshot.sentiment.scoring;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.earshot.sentiment.contract.Mention;
import dev.earshot.sentiment.contract.ScoredMention;
import dev.earshot.sentiment.contract.Sentiment;
import dev.earshot.sentiment.contract.Urgency;

/**
 * The whole scoring path of one post: cut to the scoring limit, normalise once, detect the language,
 * sentiment (with the model of the language: English, German, Spanish, French, Italian, Portuguese;
 * other languages say so instead of guessing), intents, urgency. CPU-bound:
 * never call it on an event loop. Holds only immutable, shared models: safe for any number of threads.
 */
public class TextAnalyzer {

    /** BCP 47 "undetermined". */
    public static final String UNDETERMINED_LANGUAGE = LanguageIdentifier.UNDETERMINED;
    private final Map<String, SentimentModel> sentimentModels;
    private final LanguageIdentifier languages;
    private final IntentDetector intents;
    private final UrgencyScorer urgencyScorer;
    private final ReplyPolicy replyPolicy;
    private final String modelVersion;
    private final int maxTextLength;

    /** @param sentimentModels the sentiment model of each supported language, by BCP 47 code */
    public TextAnalyzer(Map<String, SentimentModel> sentimentModels, LanguageIdentifier languages,
            IntentDetector intents, UrgencyScorer urgencyScorer, ReplyPolicy replyPolicy, String modelVersion,
            int maxTextLength) {
        this.replyPolicy = replyPolicy;
        this.sentimentModels = Map.copyOf(sentimentModels);
        this.languages = languages;
        this.intents = intents;
        this.urgencyScorer = urgencyScorer;
        this.modelVersion = modelVersion;
        this.maxTextLength = maxTextLength;
    }

    /** What this service finds in one text. */
    public record Analysis(Sentiment sentiment, Urgency urgency, List<String> intents, String language,
            boolean languageSupported, boolean truncated) {
    }

    /** A text with nothing to score in it: empty, binary or unreadable. Never retried. */
    public static class UnscorableTextException extends RuntimeException {
        public UnscorableTextException(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * @param languageHint the platform's language tag, used only when detection is unsure; may be null
     * @param followers the author's followers, null when unknown
     * @param engagement likes + replies + shares, null when unknown
     * @throws UnscorableTextException when there is nothing to score
     */
    public Analysis analyze(String text, String languageHint, Long followers, Long engagement) {
        return analyze(text, languageHint, followers, engagement, ReplyPolicy.Origin.PUBLIC_POST);
    }

    /** @param origin whether the post is a public post, a news article or the brand's own */
    public Analysis analyze(String text, String languageHint, Long followers, Long engagement,
            ReplyPolicy.Origin origin) {
        String unreadable = unreadableReason(text);
        if (unreadable != null) {
            throw new UnscorableTextException(unreadable);
        }
        boolean truncated = text.length() > maxTextLength;
        if (truncated) {
            int end = Character.isLowSurrogate(text.charAt(maxTextLength)) ? maxTextLength - 1 : maxTextLength;
            text = text.substring(0, end);
        }
        String normalized = TextNormalizer.normalize(text);
        String[] tokens = TextNormalizer.tokens(normalized);
        if (!hasContent(tokens)) {
            throw new UnscorableTextException("nothing left to score after normalisation (only punctuation or"
                    + " links)");
        }
        String language = languages.language(normalized, languageHint);
        SentimentModel model = sentimentModels.get(language);
        boolean supported = model != null;
        Sentiment sentiment = supported ? model.score(tokens, true) : Sentiment.unsupported();
        // the intent models are English; other languages get the rules, theirs and the shared ones
        IntentDetector.Detection found = intents.detection(normalized, tokens, language,
                LanguageIdentifier.ENGLISH.equals(language), supported ? sentiment.label() : null);
        Urgency urgency = urgencyScorer.score(sentiment, found.intents(), found.complaintProbability(),
                addressesAnAccount(tokens), followers, engagement, origin);
        return new Analysis(sentiment, urgency, found.intents(), language, supported, truncated);
    }

    public ScoredMention score(Mention mention) {
        String text = mention.title() == null || mention.title().isBlank()
                ? mention.text() : mention.title() + ". " + mention.text();
        Long followers = mention.author() == null ? null : mention.author().followers();
        Long engagement = mention.engagement() == null ? null : mention.engagement().total();
        Analysis analysis = analyze(text, mention.languageHint(), followers, engagement, replyPolicy.origin(mention));
        return new ScoredMention(ScoredMention.SCHEMA_VERSION, mention, analysis.sentiment(), analysis.urgency(),
                analysis.language(), analysis.languageSupported(), analysis.intents(), modelVersion,
                analysis.truncated());
    }

    /** The languages with a sentiment model. */
    public Set<String> supportedLanguages() {
        return sentimentModels.keySet();
    }

    public String modelVersion() {
        return modelVersion;
    }

    /** Why a raw text cannot be read at all, or null when it can. */
    static String unreadableReason(String text) {
        if (text == null || text.isBlank()) {
            return "text is empty";
        }
        int control = 0;
        int replacement = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\uFFFD') {
                replacement++;
            } else if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                control++;
            }
        }
        int suspicious = control + replacement;
        if (control > 0 && suspicious * 20 > text.length() || suspicious * 5 > text.length()) {
            return "text looks binary or unreadable (" + control + " control and " + replacement
                    + " undecodable characters in " + text.length() + ")";
        }
        return null;
    }

    /** Whether the post names an account ({@code @handle}): it is talking to someone, maybe to the brand. */
    private static boolean addressesAnAccount(String[] tokens) {
        for (String token : tokens) {
            if (token.equals(TextNormalizer.USER_TOKEN)) {
                return true;
            }
        }
        return false;
    }

    /** A word, number, emoji or emoticon: anything but punctuation and the normaliser's own tokens. */
    private static boolean hasContent(String[] tokens) {
        for (String token : tokens) {
            if (SocialSentimentFeatureGenerator.isMark(token)) {
                continue;
            }
            if (!(token.length() == 1 && ".,;:!?".indexOf(token.charAt(0)) >= 0)) {
                return true;
            }
        }
        return false;
    }
}
