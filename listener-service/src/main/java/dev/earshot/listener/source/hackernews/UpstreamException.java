package dev.earshot.listener.source.hackernews;

/** The platform answered an HTTP error other than 429. */
public class UpstreamException extends RuntimeException {

    private final int status;

    public UpstreamException(int status) {
        super("platform answered HTTP " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
