package dev.earshot.response.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.web.InvalidRequestException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Idempotency-Key on POSTs that create or act: the first answer (status, body, ETag) per caller and
 * key is stored in the same transaction as the change, and a retry with the same key and request
 * gets that answer again without acting twice. The same key with a different request is refused
 * (422). Failed requests store nothing (their transaction rolls back), so a retry acts afresh.
 * <p>
 * Bounded: an answer body larger than {@code earshot.workflow.idempotency-max-answer-bytes} is not
 * stored; the key keeps the status and the id of the answered resource, and a retry gets that status
 * with the resource as it is now (and its ETag), still without acting twice. Keys expire after
 * {@code idempotency-ttl}, and each caller keeps at most {@code idempotency-max-keys-per-caller} (the
 * oldest go first; see {@code Housekeeping.expire()} in the workflow feature).
 */
@ApplicationScoped
public class Idempotency {

    static final int MAX_KEY_LENGTH = 200;

    private final IdempotencyRepository keys;
    private final ObjectMapper mapper;
    private final WorkflowConfig config;

    public Idempotency(IdempotencyRepository keys, ObjectMapper mapper, WorkflowConfig config) {
        this.keys = keys;
        this.mapper = mapper;
        this.config = config;
    }

    /**
     * How an answer is read back: its type, the id and version of the resource it shows, and how to read
     * that resource as it is now (for a retry whose first answer was too large to store).
     */
    public record Answer<T>(Class<T> type, ToLongFunction<T> id, ToLongFunction<T> version,
            LongFunction<Uni<T>> current) {
    }

    /** Runs {@code action} once per key; must be called inside the action's transaction. */
    public <T> Uni<WriteResult<T>> once(Caller caller, Preconditions pre, Answer<T> answer,
            Supplier<Uni<WriteResult<T>>> action) {
        String key = pre.idempotencyKey();
        if (key == null) {
            return Uni.createFrom().<WriteResult<T>>deferred(action::get);
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters"));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return keys.take(caller.name(), key, pre.fingerprint(), now, now.minus(config.idempotencyTtl()))
                .flatMap(ours -> {
                    if (ours) {
                        return Uni.createFrom().<WriteResult<T>>deferred(action::get)
                                .call(result -> store(caller, key, answer, result));
                    }
                    return keys.find(caller.name(), key).flatMap(stored -> replay(stored, pre, answer));
                });
    }

    private <T> Uni<Integer> store(Caller caller, String key, Answer<T> answer, WriteResult<T> result) {
        String body = write(result.body());
        String resource = null;
        if (body != null && body.length() > config.idempotencyMaxAnswerBytes() / 3
                && body.getBytes(StandardCharsets.UTF_8).length > config.idempotencyMaxAnswerBytes()) {
            Log.debugf("Idempotency-Key answer of %d characters not stored; a retry reads the resource again",
                    body.length());
            body = null;
            resource = String.valueOf(answer.id().applyAsLong(result.body()));
        }
        return keys.complete(caller.name(), key, result.status(), body, resource,
                result.version() == null ? null : result.version().toString());
    }

    private <T> Uni<WriteResult<T>> replay(IdempotencyRepository.StoredAnswer stored, Preconditions pre,
            Answer<T> answer) {
        if (stored == null || !stored.fingerprint().equals(pre.fingerprint())) {
            return Uni.createFrom().failure(new IdempotencyKeyReusedException(
                    "this Idempotency-Key was already used for a different request; use a new key"));
        }
        if (stored.body() == null && stored.resource() != null) {
            return answer.current().apply(Long.parseLong(stored.resource()))
                    .map(body -> new WriteResult<>(stored.status(), body, answer.version().applyAsLong(body)));
        }
        try {
            T body = stored.body() == null ? null : mapper.readValue(stored.body(), answer.type());
            return Uni.createFrom().item(new WriteResult<>(stored.status(), body,
                    stored.etag() == null ? null : Long.valueOf(stored.etag())));
        } catch (IOException e) {
            return Uni.createFrom().failure(new IllegalStateException("stored answer cannot be read", e));
        }
    }

    private String write(Object body) {
        if (body == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer cannot be stored", e);
        }
    }
}
