package dev.earshot.response.inbox;

import jakarta.ws.rs.PathParam;

import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;

import dev.earshot.response.common.Preconditions;
import dev.earshot.response.common.RequestContext;

/**
 * What every task action's form sends: the task in the path, the version the page showed (the action's If-Match) and
 * the CSRF token, in the form and in its cookie.
 */
public class ActionForm {

    @PathParam("id")
    public String id;

    @RestForm
    public String version;

    @RestForm(InboxCsrf.FIELD)
    public String token;

    @RestCookie(InboxCsrf.COOKIE)
    public String csrf;

    /** The task's id, once the form's CSRF token is checked (400 otherwise, and for an id that is not a number). */
    long task() {
        InboxCsrf.require(token, csrf);
        return RequestContext.id(id, "task");
    }

    Preconditions ifMatch() {
        return ifMatch(version);
    }

    /** The If-Match of a version a page showed; none when blank. */
    static Preconditions ifMatch(String version) {
        return new Preconditions(version == null || version.isBlank() ? null : version.strip(), null, null);
    }
}
