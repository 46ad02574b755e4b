package dev.earshot.response.task;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How {@link ScoredMentionConsumer} batches scored mentions (the prefetch is the channel's max-outstanding-messages). */
@ConfigMapping(prefix = "earshot.ingestion")
public interface IngestionConfig {

    /** Most scored mentions stored in one transaction. Default 100. */
    @WithDefault("100")
    int batchSize();

    /** Longest wait for a batch to fill before it is stored as it is. Default 20 ms. */
    @WithDefault("20ms")
    Duration linger();

    /** Batches in work at once (one storing while the next fills). Default 2. */
    @WithDefault("2")
    int concurrency();
}
