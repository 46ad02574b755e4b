package dev.earshot.sentiment.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;

/** Settings of the sentiment service ({@code earshot.sentiment.*}). */
@ConfigMapping(prefix = "earshot.sentiment")
public interface SentimentConfig {

    /** Class-path resource of the OpenNLP document categorizer model. Default {@code models/sentiment-en.bin}. */
    @WithDefault("models/sentiment-en.bin")
    String modelPath();

    /** Class-path resource of the model's metadata written by the trainer. Default {@code models/sentiment-en.json}. */
    @WithDefault("models/sentiment-en.json")
    String metadataPath();

    /**
     * Languages besides English that have a sentiment model, as BCP 47 codes; their models are at
     * {@link #languageModelPath()} and {@link #languageMetadataPath()}. Default {@code de,es,fr,it,pt}.
     */
    @WithDefault("de,es,fr,it,pt")
    List<String> otherLanguages();

    /** Class-path resource of another language's model, {@code %s} the language. Default {@code models/sentiment-%s.bin}. */
    @WithDefault("models/sentiment-%s.bin")
    String languageModelPath();

    /** Class-path resource of another language's model metadata. Default {@code models/sentiment-%s.json}. */
    @WithDefault("models/sentiment-%s.json")
    String languageMetadataPath();

    /** Class-path directory of the binary intent models ({@code <intent>.bin}). Default {@code models/intents}. */
    @WithDefault("models/intents")
    String intentModelDirectory();

    /** Class-path resource of the intent models' metadata. Default {@code models/intents-en.json}. */
    @WithDefault("models/intents-en.json")
    String intentMetadataPath();

    /** P(intent) from which an intent model's answer counts (rules count regardless). Default 0.35. */
    @WithDefault("0.35")
    double intentThreshold();

    /** Most texts one {@code POST /api/v1/score} may carry; more is answered 413. Default 100. */
    @WithDefault("100")
    int maxBatch();

    /** Characters of a text that are scored; the rest is cut off and the result flagged truncated. Default 5000. */
    @WithDefault("5000")
    int maxTextLength();

    /**
     * Sources whose items are news articles (RSS, Atom and Google Alerts feeds all arrive as {@code rss}):
     * tiered by what they report, never {@code needsReply}. Default {@code rss}.
     */
    @WithDefault("rss")
    Set<String> newsSources();

    /**
     * The brand's own accounts per source ({@code earshot.sentiment.brand-accounts.mastodon=acme,acme_support}):
     * their posts never need a reply. Handles are compared without {@code @} and case. Default none.
     */
    @WithDefaults
    Map<String, List<String>> brandAccounts();

    /** Urgency thresholds and weights. */
    Urgency urgency();

    /** How the mention consumer groups its work (its prefetch is the connector's {@code max-outstanding-messages}). */
    Consumer consumer();

    /**
     * Mentions are scored and published in batches: a batch closes at {@link #batchSize()} mentions or when
     * {@link #linger()} has passed since it opened, whichever comes first; its scored mentions are published with
     * one round of broker confirms, and each mention is acked once its scored mention is confirmed.
     */
    interface Consumer {

        /** Most mentions in one batch. Default 50. */
        @WithDefault("50")
        int batchSize();

        /** Longest wait for a batch to fill before it is processed as it is. Default 20 ms. */
        @WithDefault("20ms")
        Duration linger();

        /** Batches in work at once (scoring one while another waits for its confirms). Default 2. */
        @WithDefault("2")
        int concurrency();
    }

    /** How the urgency score is turned into a level, and when negativity and reach count. */
    interface Urgency {

        /** Lowest urgency score that is {@code medium}. Default 0.3. */
        @WithDefault("0.3")
        double medium();

        /** Lowest urgency score that is {@code high}. Default 0.55. */
        @WithDefault("0.55")
        double high();

        /** Lowest urgency score that is {@code critical}. Default 0.8. */
        @WithDefault("0.8")
        double critical();

        /** P(negative) from which a text counts as strongly negative. Default 0.6. */
        @WithDefault("0.6")
        double strongNegativity();

        /** Followers from which an author has a large reach. Default 10000. */
        @WithDefault("10000")
        long largeReachFollowers();

        /** Likes + replies + shares from which a post is drawing attention. Default 100. */
        @WithDefault("100")
        long highEngagement();
    }
}
