package dev.earshot.response.webhook.slack;

import java.time.Instant;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.web.Problem;
import io.quarkus.logging.Log;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Slack's Interactivity Request URL. Slack sends no bearer token: the request signature is the
 * authentication, checked on the raw body bytes before anything is parsed. Slack wants an answer
 * within three seconds, so the click is acknowledged at once and carried out afterwards; the outcome
 * reaches Slack through the payload's {@code response_url}.
 */
@Path("/api/v1/integrations/slack/actions")
@PermitAll
@Tag(name = "Integrations", description = "Callbacks from chat tools")
public class SlackActionResource {

    /** Slack's interaction payloads are a few KB; anything this large is not one. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final SlackConfig config;
    private final SlackActions actions;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final SlackSignatureVerifier verifier;

    public SlackActionResource(SlackConfig config, SlackActions actions, ObjectMapper mapper, Vertx vertx) {
        this.config = config;
        this.actions = actions;
        this.mapper = mapper;
        this.vertx = vertx;
        this.verifier = config.signingSecret().map(SlackSignatureVerifier::new).orElse(null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "A click on a Claim, Resolve or Snooze button in Slack",
            description = "Authenticated by X-Slack-Signature (v0 HMAC-SHA256 of v0:timestamp:raw body with the "
                    + "app's signing secret) and X-Slack-Request-Timestamp (at most 5 minutes from now). Answers "
                    + "200 with an empty body at once; the task changes as the Earshot agent mapped to the Slack "
                    + "user (earshot.slack.users) and the message is updated through the payload's response_url.")
    @APIResponse(responseCode = "200", description = "Accepted (also for interactions Earshot does not handle)")
    @APIResponse(responseCode = "401", description = "Missing, stale or wrong signature",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Slack interactivity is off (no signing secret configured)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body over 64 KB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<Void> act(byte[] body,
            @RestHeader(SlackSignatureVerifier.TIMESTAMP_HEADER) String timestamp,
            @RestHeader(SlackSignatureVerifier.SIGNATURE_HEADER) String signature) {
        if (verifier == null) {
            throw new SlackDisabledException();
        }
        byte[] raw = body == null ? new byte[0] : body;
        if (raw.length > MAX_BODY_BYTES) {
            throw new SlackBodyTooLargeException(MAX_BODY_BYTES);
        }
        verifier.verify(timestamp, signature, raw, Instant.now());
        SlackInteraction interaction = SlackInteraction.parse(raw, mapper);
        if (!SlackActions.isEarshotAction(interaction)) {
            Log.infof("Slack interaction %s (action %s) from Slack user %s ignored", interaction.type(),
                    interaction.actionId(), interaction.userId());
            return RestResponse.ok();
        }
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> actions.handle(interaction).subscribe().with(
                done -> { },
                failure -> Log.errorf(failure, "Slack %s on task %s failed", interaction.actionId(), interaction.value())));
        return RestResponse.ok();
    }
}
