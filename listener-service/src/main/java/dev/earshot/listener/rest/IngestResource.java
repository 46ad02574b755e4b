package dev.earshot.listener.rest;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.PayloadTooLargeException;
import dev.earshot.listener.config.ListenerConfig;
import dev.earshot.listener.model.Mention;
import dev.earshot.listener.pipeline.DeadLetterStore;
import dev.earshot.listener.pipeline.ListenerMetrics;
import dev.earshot.listener.pipeline.MentionPipeline;
import dev.earshot.listener.pipeline.PushedPostReader;
import dev.earshot.listener.source.SourceActivity;
import dev.earshot.messaging.Failures;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Push ingestion: posts from sources that push to us or that a user scripts go through the same
 * normalisation, rule matching, dedup and publishing as polled ones. Allowed to the {@code ingest} role
 * (for scripts and webhooks: a token that can push but not read the queue or change rules) and to leads
 * and admins. Body: one post object, an array of posts, or {@code {"posts": [...]}} (shape in
 * {@link PushedPostReader}). An unreadable post is rejected (dead-lettered) and reported by index while the
 * others go on.
 */
@Path("/api/v1/ingest")
@Tag(name = "ingest")
@SecurityRequirement(name = "jwt")
public class IngestResource {

    /**
     * One pushed post, for the OpenAPI document: the body is read by hand ({@link PushedPostReader}) so that each
     * post gets its own outcome, and one bad post does not refuse the others.
     */
    @Schema(name = "PushedPost", description = "A post pushed into the listener")
    public record PushedPost(
            @Schema(required = true, pattern = "[a-z0-9][a-z0-9-]{0,31}", examples = "forum") String source,
            @Schema(required = true, examples = "forum.example.com") String instance,
            @Schema(required = true, maxLength = 200) String nativeId,
            @Schema(description = "http(s) URL on the instance") String permalink,
            @Schema(required = true) PushedAuthor author,
            String title,
            @Schema(description = "required unless there is a title; plain text or HTML") String text,
            @Schema(required = true) Instant createdAt,
            Instant editedAt,
            String conversationId,
            String inReplyTo,
            @Schema(examples = "en") String languageHint,
            PushedEngagement engagement,
            List<String> links) {
    }

    /** The author of a pushed post: an id or a handle at least. */
    @Schema(name = "PushedAuthor")
    public record PushedAuthor(String id, String handle, String displayName, Long followers, String profileUrl) {
    }

    /** Engagement counts of a pushed post. */
    @Schema(name = "PushedEngagement")
    public record PushedEngagement(Long likes, Long replies, Long shares) {
    }

    /** The {@code {"posts": [...]}} form of the body. */
    @Schema(name = "PushedPosts")
    public record PushedPosts(List<PushedPost> posts) {
    }

    /** The answer for one post. */
    public record ItemResult(int index, String id, String status, String reason, List<String> matchedRules,
            String nearDuplicateOf) {
    }

    /** The answer for the whole request. */
    public record IngestResponse(int received, int published, int duplicates, int unmatched, int rejected, int failed,
            int pending, List<ItemResult> items) {
    }

    private final ObjectMapper objectMapper;
    private final PushedPostReader reader;
    private final MentionPipeline pipeline;
    private final DeadLetterStore deadLetters;
    private final ListenerMetrics metrics;
    private final SourceActivity activity;
    private final ListenerConfig config;

    public IngestResource(ObjectMapper objectMapper, PushedPostReader reader, MentionPipeline pipeline,
            DeadLetterStore deadLetters, ListenerMetrics metrics, SourceActivity activity, ListenerConfig config) {
        this.objectMapper = objectMapper;
        this.reader = reader;
        this.pipeline = pipeline;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.activity = activity;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "ingest", "lead", "admin" })
    @Operation(summary = "Push posts", description = "One post, an array, or {\"posts\": [...]}; per post: published, "
            + "duplicate, unmatched, rejected (with the reason), failed or pending. 413 over the size limit. 503 with "
            + "Retry-After (problem+json carrying every post's outcome) when some posts could not be published now "
            + "(broker or Redis unavailable, no consumer queue yet): send the failed and pending ones again. Only "
            + "admin may push into a polled source's name (hackernews, mastodon, reddit, bluesky, rss).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
            oneOf = { PushedPost.class, PushedPost[].class, PushedPosts.class })))
    public Uni<IngestResponse> ingest(byte[] body, @Context SecurityContext caller) {
        if (body == null || body.length == 0) {
            throw new InvalidRequestException("the body is empty");
        }
        if (body.length > config.ingest().maxBodyBytes()) {
            throw new PayloadTooLargeException("the body is larger than " + config.ingest().maxBodyBytes() + " bytes");
        }
        JsonNode root;
        try {
            root = objectMapper.readTree(decode(body));
        } catch (JsonProcessingException e) {
            // a limit exceeded (StreamConstraintsException: nesting, number or string length) has no location
            throw new InvalidRequestException("the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? ""
                            : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        List<JsonNode> posts = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(posts::add);
        } else if (root != null && root.isObject() && root.has("posts")) {
            if (!root.get("posts").isArray()) {
                throw new InvalidRequestException("posts must be an array");
            }
            root.get("posts").forEach(posts::add);
        } else if (root != null && root.isObject()) {
            posts.add(root);
        } else {
            throw new InvalidRequestException("the body must be a post, an array of posts or {\"posts\": [...]}");
        }
        if (posts.isEmpty()) {
            throw new InvalidRequestException("no posts in the body");
        }
        if (posts.size() > config.ingest().maxItems()) {
            throw new PayloadTooLargeException("more than " + config.ingest().maxItems() + " posts in one request");
        }
        Instant now = Instant.now();
        ItemResult[] results = new ItemResult[posts.size()];
        List<Mention> readable = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<Uni<String>> rejections = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            JsonNode post = posts.get(i);
            try {
                readable.add(reader.read(post, now, caller.isUserInRole("admin")));
                positions.add(i);
            } catch (PushedPostReader.InvalidPostException e) {
                String source = post.path("source").isTextual() ? post.path("source").textValue() : "ingest";
                String safeSource = source.matches("[a-z0-9][a-z0-9-]{0,31}") ? source : "ingest";
                String instance = post.path("instance").isTextual() ? post.path("instance").textValue() : "push";
                String safeInstance = instance.matches("[A-Za-z0-9.:-]{1,255}") ? instance : "push";
                results[i] = new ItemResult(i, null, "rejected", e.getMessage(), List.of(), null);
                metrics.rejected(safeSource, safeInstance);
                Log.warnf("ingest: post %d rejected and dead-lettered (%s)", i, e.getMessage());
                rejections.add(deadLetters.add(safeSource, "ingest: " + e.getMessage(), post.toString(), now));
            }
        }
        Uni<Void> dead = rejections.isEmpty() ? Uni.createFrom().voidItem()
                : Multi.createFrom().iterable(rejections).onItem().transformToUniAndConcatenate(u -> u).collect().last()
                        .replaceWithVoid();
        return dead.chain(() -> pipeline.process(readable))
                .ifNoItem().after(config.ingest().timeout()).failWith(() -> new java.util.concurrent.TimeoutException(
                        "no answer from Redis or the broker within " + config.ingest().timeout()))
                .onFailure().transform(failure -> {
                    Log.warnf("ingest: %d posts not accepted now: %s", readable.size(), Failures.describe(failure));
                    for (int k = 0; k < readable.size(); k++) {
                        int index = positions.get(k);
                        results[index] = new ItemResult(index, readable.get(k).id(), "failed",
                                "not accepted now (" + Failures.describe(failure) + "); send it again", List.of(), null);
                    }
                    return new IngestUnavailableException(answer(results),
                            "the posts could not be accepted now: Redis or the broker is unavailable; send them again "
                                    + "after Retry-After");
                })
                .call(outcomes -> {
                    for (int k = 0; k < outcomes.size(); k++) {
                        MentionPipeline.Outcome o = outcomes.get(k);
                        int index = positions.get(k);
                        results[index] = new ItemResult(index, o.id(), o.status().name(), o.error(), o.matchedRules(),
                                o.nearDuplicateOf());
                    }
                    return recordActivity(readable, outcomes).onFailure().recoverWithNull();
                }).map(outcomes -> {
                    IngestResponse answer = answer(results);
                    if (answer.failed() > 0 || answer.pending() > 0) {
                        throw new IngestUnavailableException(answer, answer.failed() + answer.pending() + " of "
                                + answer.received() + " posts were not published yet (failed or pending); send those "
                                + "again after Retry-After, the others are kept");
                    }
                    return answer;
                });
    }

    private static IngestResponse answer(ItemResult[] results) {
        int[] counts = new int[6];
        for (ItemResult r : results) {
            switch (r.status()) {
                case "published" -> counts[0]++;
                case "duplicate" -> counts[1]++;
                case "unmatched" -> counts[2]++;
                case "rejected" -> counts[3]++;
                case "pending" -> counts[5]++;
                default -> counts[4]++;
            }
        }
        return new IngestResponse(results.length, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5],
                List.of(results));
    }

    private Uni<Void> recordActivity(List<Mention> mentions, List<MentionPipeline.Outcome> outcomes) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Instant> newest = new LinkedHashMap<>();
        for (int i = 0; i < mentions.size(); i++) {
            Mention m = mentions.get(i);
            String key = m.source() + "|" + m.instance();
            int[] c = counts.computeIfAbsent(key, k -> new int[2]);
            c[0]++;
            if (outcomes.get(i).status() == MentionPipeline.Status.published) {
                c[1]++;
            }
            newest.merge(key, m.createdAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        return Multi.createFrom().iterable(counts.entrySet()).onItem().transformToUniAndConcatenate(e -> {
            int cut = e.getKey().indexOf('|');
            return activity.recordPushed(e.getKey().substring(0, cut), e.getKey().substring(cut + 1), e.getValue()[0],
                    e.getValue()[1], newest.get(e.getKey()));
        }).collect().last().replaceWithVoid();
    }

    /** Invalid UTF-8 sequences become U+FFFD, which the reader refuses per post. */
    private static String decode(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidRequestException("the body is not UTF-8");
        }
    }

}
