package dev.earshot.response.task;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.earshot.messaging.Broker;
import dev.earshot.web.DeadLetterEndpoints;

/** {@code response-service.scored-mentions.dlq}: list it and move its messages back (admin only). */
@Path("/api/v1/pipeline/dead-letters")
@Tag(name = "dead letters")
public class DeadLetterResource extends DeadLetterEndpoints {

    public DeadLetterResource(Broker broker) {
        super(broker.deadLetterQueue(ScoredMentionConsumer.QUEUE, ScoredMentionConsumer.DEAD_LETTER_QUEUE));
    }
}
