package dev.earshot.response.common;

/**
 * The If-Match check of every update (tasks, saved replies, webhooks), against the resource's version, its ETag.
 * {@code 7}, {@code "7"} and {@code W/"7"} all name version 7; {@code *} and a missing header match anything (a
 * caller that must send one is told so by the caller of this check, 428). Hand-written rather than JAX-RS's
 * {@code Request.evaluatePreconditions}: that compares strongly (a weak {@code W/"7"}, which this API has
 * always accepted, would be 412), knows no unquoted tag, and needs the ETag before the method runs, while the
 * version is only known once the row is locked inside the transaction.
 */
public final class IfMatch {

    private IfMatch() {
    }

    /** Whether {@code header} (null: absent) names {@code version}. */
    public static boolean matches(String header, long version) {
        if (header == null || header.trim().equals("*")) {
            return true;
        }
        String wanted = Long.toString(version);
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** 412 with {@code staleMessage} unless {@code header} names {@code version}. */
    public static void check(String header, long version, String staleMessage) {
        if (!matches(header, version)) {
            throw new StaleVersionException(staleMessage);
        }
    }
}
