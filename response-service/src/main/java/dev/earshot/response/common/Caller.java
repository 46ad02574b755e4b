package dev.earshot.response.common;

/**
 * Who sends a request: the JWT's upn (or subject), and whether a role lead or admin lets them act
 * on other people's tasks.
 */
public record Caller(String name, boolean lead) {

    /** Ingestion and timers in the audit trail. */
    public static final Caller SYSTEM = new Caller("system", true);
}
