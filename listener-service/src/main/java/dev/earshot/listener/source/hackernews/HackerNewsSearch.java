package dev.earshot.listener.source.hackernews;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * The resilient face of {@link AlgoliaClient}. The annotation values are defaults; the limits used
 * are set in application.properties ({@code quarkus.fault-tolerance."<class>/searchByDate".*}). A 429 is
 * neither retried nor counted against the circuit breaker: the poller backs off instead.
 */
@ApplicationScoped
public class HackerNewsSearch {

    /** Algolia tag filter: stories or comments. */
    static final String TAGS = "(story,comment)";

    private final AlgoliaClient client;

    HackerNewsSearch(@RestClient AlgoliaClient client) {
        this.client = client;
    }

    @AsynchronousNonBlocking
    @Timeout(10_000)
    @Retry(maxRetries = 2, delay = 500, abortOn = RateLimitedException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30_000,
            skipOn = RateLimitedException.class)
    public Uni<String> searchByDate(String query, String numericFilters, int hitsPerPage, int page) {
        return client.searchByDate(query, TAGS, numericFilters, hitsPerPage, page);
    }
}
