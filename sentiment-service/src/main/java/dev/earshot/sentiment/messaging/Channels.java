package dev.earshot.sentiment.messaging;

/** Channel, exchange and queue names of application.properties, reused by the tests. */
public final class Channels {

    /** Incoming: queue {@code sentiment-service.mentions} bound to the topic exchange {@code earshot.mentions}. */
    public static final String MENTIONS = "mentions";
    public static final String MENTIONS_QUEUE = "sentiment-service.mentions";
    public static final String MENTIONS_DEAD_LETTER_QUEUE = "sentiment-service.mentions.dlq";
    /**
     * Outgoing: topic exchange {@code earshot.scored-mentions}, routing key = the mention's source, published with
     * the mandatory flag and confirms by {@link MentionConsumer} (not a SmallRye channel: it cannot publish
     * mandatory, so a message no queue takes would be confirmed and lost).
     */
    public static final String SCORED_MENTIONS_EXCHANGE = "earshot.scored-mentions";

    private Channels() {
    }
}
