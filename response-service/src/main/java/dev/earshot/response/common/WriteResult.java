package dev.earshot.response.common;

/** The answer of a write: HTTP status, body (null for 204) and the ETag version (null when none). */
public record WriteResult<T>(int status, T body, Long version) {
}
