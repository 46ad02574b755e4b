package dev.earshot.sentiment.rest;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.earshot.messaging.Broker;
import dev.earshot.web.DeadLetterEndpoints;
import dev.earshot.sentiment.messaging.Channels;

/** {@code sentiment-service.mentions.dlq}: list it and move its messages back (admin only). */
@Path("/api/v1/pipeline/dead-letters")
@Tag(name = "dead letters")
@SecurityRequirement(name = "bearer")
public class DeadLetterResource extends DeadLetterEndpoints {

    public DeadLetterResource(Broker broker) {
        super(broker.deadLetterQueue(Channels.MENTIONS_QUEUE, Channels.MENTIONS_DEAD_LETTER_QUEUE));
    }
}
