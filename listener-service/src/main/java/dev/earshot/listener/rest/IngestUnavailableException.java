package dev.earshot.listener.rest;

/**
 * Some pushed posts could not be published now (broker or Redis away, no queue bound yet, a timeout): the answer
 * is 503 with {@code Retry-After}, carrying every post's outcome so the client sends the failed ones again.
 */
public class IngestUnavailableException extends RuntimeException {

    public static final int RETRY_AFTER_SECONDS = 5;

    private final IngestResource.IngestResponse answer;

    public IngestUnavailableException(IngestResource.IngestResponse answer, String detail) {
        super(detail, null, false, false);
        this.answer = answer;
    }

    public IngestResource.IngestResponse answer() {
        return answer;
    }
}
