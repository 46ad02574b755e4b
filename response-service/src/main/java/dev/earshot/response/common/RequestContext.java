package dev.earshot.response.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.web.InvalidRequestException;
import io.quarkus.security.identity.SecurityIdentity;

/** What resources share: the caller, request fingerprints, ids and ETag answers. */
@ApplicationScoped
public class RequestContext {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public RequestContext(SecurityIdentity identity, ObjectMapper mapper) {
        this.identity = identity;
        this.mapper = mapper;
    }

    public Caller caller() {
        return new Caller(identity.getPrincipal().getName(), identity.hasRole("lead") || identity.hasRole("admin"));
    }

    /** If-Match and Idempotency-Key, with a fingerprint of the request they came with. */
    public Preconditions preconditions(String ifMatch, String idempotencyKey, String method, String path, Object body) {
        if (idempotencyKey == null) {
            return new Preconditions(ifMatch, null, null);
        }
        try {
            String canonical = method + " " + path + "\n" + (body == null ? "" : mapper.writeValueAsString(body));
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return new Preconditions(ifMatch, idempotencyKey, HexFormat.of().formatHex(hash));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long id(String value, String what) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(what + " id must be a number");
        }
    }

    public static <T> T body(T body) {
        if (body == null) {
            throw new InvalidRequestException("a JSON body is required");
        }
        return body;
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    public static <T> RestResponse<T> answer(WriteResult<T> result) {
        RestResponse.ResponseBuilder<T> b = RestResponse.ResponseBuilder.<T>create(result.status());
        if (result.body() != null) {
            b.entity(result.body());
        }
        if (result.version() != null) {
            b.header("ETag", etag(result.version()));
        }
        return b.build();
    }
}
