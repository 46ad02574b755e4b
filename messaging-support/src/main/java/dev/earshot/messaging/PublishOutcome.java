package dev.earshot.messaging;

/** What became of one message of a batch: confirmed by the broker into a queue, or the reason it was not. */
public record PublishOutcome(OutgoingMessage message, String failure) {

    public boolean published() {
        return failure == null;
    }
}
