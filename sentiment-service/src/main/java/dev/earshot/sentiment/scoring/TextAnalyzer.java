package dev.earshot.sentiment.scoring;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.sentiment.model.Mention;
import dev.earshot.sentiment.model.ScoredMention;
import dev.earshot.sentiment.model.Sentiment;
import dev.earshot.sentiment.model.Urgency;

/** Normalises once, then runs sentiment, urgency and intents. CPU-bound: never call it on an event loop. */
@ApplicationScoped
public class TextAnalyzer {

    /** BCP 47 "undetermined": language detection is not done yet, and "en" is not claimed. */
    public static final String UNDETERMINED_LANGUAGE = "und";

    private final SentimentScorer sentimentScorer;
    private final UrgencyScorer urgencyScorer;
    private final IntentDetector intentDetector;

    public TextAnalyzer(SentimentScorer sentimentScorer, UrgencyScorer urgencyScorer, IntentDetector intentDetector) {
        this.sentimentScorer = sentimentScorer;
        this.urgencyScorer = urgencyScorer;
        this.intentDetector = intentDetector;
    }

    /** What this service finds in one text. */
    public record Analysis(Sentiment sentiment, Urgency urgency, List<String> intents) {
    }

    public Analysis analyze(String text, Long followers, Long engagement) {
        String normalized = TextNormalizer.normalize(text);
        Sentiment sentiment = sentimentScorer.score(normalized);
        return new Analysis(sentiment, urgencyScorer.score(normalized, sentiment, followers, engagement),
                intentDetector.detect(normalized));
    }

    public ScoredMention score(Mention mention) {
        String text = mention.title() == null || mention.title().isBlank()
                ? mention.text() : mention.title() + ". " + mention.text();
        Long followers = mention.author() == null ? null : mention.author().followers();
        Long engagement = mention.engagement() == null ? null : mention.engagement().total();
        Analysis analysis = analyze(text, followers, engagement);
        String language = mention.languageHint() == null || mention.languageHint().isBlank()
                ? UNDETERMINED_LANGUAGE : mention.languageHint();
        return new ScoredMention(ScoredMention.SCHEMA_VERSION, mention, analysis.sentiment(), analysis.urgency(),
                language, analysis.intents(), sentimentScorer.modelVersion());
    }

    public String modelVersion() {
        return sentimentScorer.modelVersion();
    }
}
