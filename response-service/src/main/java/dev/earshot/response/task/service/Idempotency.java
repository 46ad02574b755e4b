package dev.earshot.response.task.service;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.task.config.WorkflowConfig;
import dev.earshot.response.task.repository.IdempotencyRepository;
import io.smallrye.mutiny.Uni;

/**
 * Idempotency-Key on POSTs that create or act: the first answer (status, body, ETag) per caller and
 * key is stored in the same transaction as the change, and a retry with the same key and request
 * gets that answer again without acting twice. The same key with a different request is refused
 * (422). Failed requests store nothing (their transaction rolls back), so a retry acts afresh.
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

    /** Runs {@code action} once per key; must be called inside the action's transaction. */
    public <T> Uni<WriteResult<T>> once(Caller caller, Preconditions pre, Class<T> type,
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
                        return Uni.createFrom().<WriteResult<T>>deferred(action::get).call(result -> keys.complete(caller.name(), key,
                                result.status(), write(result.body()),
                                result.version() == null ? null : result.version().toString()));
                    }
                    return keys.find(caller.name(), key).map(stored -> replay(stored, pre, type));
                });
    }

    private <T> WriteResult<T> replay(IdempotencyRepository.StoredAnswer stored, Preconditions pre, Class<T> type) {
        if (stored == null || !stored.fingerprint().equals(pre.fingerprint())) {
            throw new IdempotencyKeyReusedException(
                    "this Idempotency-Key was already used for a different request; use a new key");
        }
        try {
            T body = stored.body() == null ? null : mapper.readValue(stored.body(), type);
            return new WriteResult<>(stored.status(), body, stored.etag() == null ? null : Long.valueOf(stored.etag()));
        } catch (IOException e) {
            throw new IllegalStateException("stored answer cannot be read", e);
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
