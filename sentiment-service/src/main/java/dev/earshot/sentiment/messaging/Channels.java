package dev.earshot.sentiment.messaging;

/** Channel names of application.properties, reused by the tests. */
public final class Channels {

    /** Incoming: queue {@code sentiment-service.mentions} bound to the topic exchange {@code earshot.mentions}. */
    public static final String MENTIONS = "mentions";
    /** Outgoing: topic exchange {@code earshot.scored-mentions}, routing key = the mention's source. */
    public static final String SCORED_MENTIONS = "scored-mentions";

    private Channels() {
    }
}
