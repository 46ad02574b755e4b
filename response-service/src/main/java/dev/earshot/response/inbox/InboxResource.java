package dev.earshot.response.inbox;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.earshot.response.common.Caller;
import dev.earshot.response.common.ConflictException;
import dev.earshot.response.common.Preconditions;
import dev.earshot.response.common.RequestContext;
import dev.earshot.response.common.StaleVersionException;
import dev.earshot.response.common.WriteResult;
import dev.earshot.response.people.SignInConfig;
import dev.earshot.response.queue.QueueService;
import dev.earshot.response.task.TaskDetail;
import dev.earshot.response.task.TaskEvents;
import dev.earshot.response.task.TaskReader;
import dev.earshot.response.task.TaskSummary;
import dev.earshot.response.workflow.ClaimNext;
import dev.earshot.response.workflow.Requests;
import dev.earshot.response.workflow.TaskActions;
import dev.earshot.response.workflow.Viewing;
import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.ListParameters;
import dev.earshot.web.Page;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The web inbox's pages (issue 18): server-rendered Qute, htmx for filters and live updates, one CSRF-protected form
 * per action. Everything goes through the services the API uses (the queue's {@link QueueService}, the workflow's
 * {@link TaskActions} and {@link ClaimNext}, {@link TaskReader}); a refused action (412 stale, 409, 400, 403) renders
 * the task page again with that status and the reason.
 */
@Path("/inbox")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"agent", "lead", "admin"})
public class InboxResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean error, boolean oidc, boolean signedOut, String providerError);

        static native TemplateInstance inbox(SignedIn me, String tab, String tier, String status,
                String text, List<InboxRow> rows, String nextCursor, String query, String notice);

        static native TemplateInstance task(SignedIn me, TaskDetail task, InboxRow row,
                TaskEvents history, String problem);
    }

    /** The tabs: the assignee parameter each one sends. */
    static final List<String> TABS = List.of("me", "none", "");

    private final QueueService queue;
    private final TaskReader tasks;
    private final TaskActions actions;
    private final ClaimNext claimNext;
    private final RequestContext context;
    private final InboxUpdates updates;
    private final Viewing viewing;
    private final boolean secureCookies;
    private final boolean oidc;
    private final OidcSignOut oidcSignOut;
    private final SecurityIdentity identity;

    public InboxResource(QueueService queue, TaskReader tasks, TaskActions actions, ClaimNext claimNext,
            RequestContext context, InboxUpdates updates, Viewing viewing, SignInConfig signIn,
            OidcSignOut oidcSignOut, SecurityIdentity identity) {
        this.identity = identity;
        this.oidc = signIn.signIn() == SignInConfig.Mode.oidc;
        this.oidcSignOut = oidcSignOut;
        this.viewing = viewing;
        this.secureCookies = signIn.secureCookies();
        this.queue = queue;
        this.tasks = tasks;
        this.actions = actions;
        this.claimNext = claimNext;
        this.context = context;
        this.updates = updates;
    }

    @GET
    @Path("/login")
    @PermitAll
    @Operation(hidden = true)
    public TemplateInstance login(@QueryParam("error") String error,
            @QueryParam("error_description") String providerError, @QueryParam("signed-out") String signedOut) {
        // with OIDC, quarkus.oidc.authentication.error-path brings the provider's error here
        return Templates.login(error != null, oidc, signedOut != null, oidc ? providerError : null);
    }

    /**
     * Signs out (a CSRF-protected form, so no other site signs you out): the form session cookie is cleared; with
     * OIDC the session's cookies are, and the browser goes on to the provider's end-session endpoint when it has one
     * ({@link OidcSignOut}). Open to a signed-in person without a role too (someone the directory refused).
     */
    @POST
    @Path("/logout")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<Void>> logout(@RestForm(InboxCsrf.FIELD) String token,
            @RestCookie(InboxCsrf.COOKIE) String csrf, @Context UriInfo uri) {
        InboxCsrf.require(token, csrf);
        if (oidc) {
            return oidcSignOut.signOut(uri, secureCookies)
                    .map(location -> RestResponse.ResponseBuilder.<Void>seeOther(location).build());
        }
        return Uni.createFrom().item(RestResponse.ResponseBuilder.<Void>seeOther(URI.create("/inbox/login"))
                .cookie(new NewCookie.Builder("earshot-inbox").path("/inbox").value("").maxAge(0).httpOnly(true)
                        .sameSite(NewCookie.SameSite.STRICT).build())
                .build());
    }

    /**
     * The queue in queue order, with the API's filters ({@code assignee} me or none for the tabs, tier, status,
     * text, and the others of {@code GET /api/v1/tasks}).
     */
    @GET
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> inbox(@Context UriInfo uri, @QueryParam("notice") String notice,
            @RestCookie(InboxCsrf.COOKIE) String csrfCookie) {
        String csrf = InboxCsrf.token(csrfCookie);
        ListParameters q = ListParameters.check(uri, withNotice(), QueueService.LIST_PARAMETERS);
        Caller caller = context.caller();
        String tab = q.value("assignee") == null ? "" : q.value("assignee");
        String query = uri.getRequestUri().getRawQuery();
        return queue.page(q, caller).map(page -> withCsrf(Templates.inbox(SignedIn.of(identity, csrf), tab,
                q.value("tier"), q.value("status"), q.value("text"), rows(page), page.nextCursor(),
                query == null ? "" : query, notice), csrf, csrfCookie));
    }

    /** The page, setting the CSRF cookie when the request had none. */
    private RestResponse<TemplateInstance> withCsrf(TemplateInstance page, String csrf, String cookie) {
        RestResponse.ResponseBuilder<TemplateInstance> b = RestResponse.ResponseBuilder.ok(page);
        if (!csrf.equals(cookie)) {
            b.cookie(InboxCsrf.cookie(csrf, secureCookies));
        }
        return b.build();
    }

    private static List<String> withNotice() {
        List<String> known = new java.util.ArrayList<>(QueueService.PARAMETERS);
        known.add("notice");
        return known;
    }

    private static List<InboxRow> rows(Page<TaskSummary> page) {
        return page.items().stream().map(InboxRow::of).toList();
    }

    /** Server-sent events: "queue" whenever tasks changed (coalesced, bounded: {@link InboxUpdates}). */
    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Multi<String> events() {
        return updates.stream().map(ids -> ids.size() + " changed");
    }

    @GET
    @Path("/tasks/{id}")
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> task(@PathParam("id") String id,
            @RestCookie(InboxCsrf.COOKIE) String csrfCookie) {
        long taskId = RequestContext.id(id, "task");
        String csrf = InboxCsrf.token(csrfCookie);
        // opening the page is a viewing heartbeat: the others see who has it open (earshot.workflow.viewing-ttl)
        return viewing.beat(taskId, context.caller(), false).flatMap(v -> page(taskId, csrf, null))
                .map(page -> withCsrf(page, csrf, csrfCookie));
    }

    private Uni<TemplateInstance> page(long id, String csrf, String problem) {
        return tasks.get(id).flatMap(detail -> tasks.history(id, null, 200).map(history -> Templates.task(
                SignedIn.of(identity, csrf), detail, row(detail), history, problem)));
    }

    private static InboxRow row(TaskDetail d) {
        return InboxRow.of(new TaskSummary(d.id(), d.conversationId(), d.source(), d.title(), d.permalink(),
                d.status(), d.priorityScore(), d.tier(), d.priorityReasons(), d.sentimentLabel(), d.mentionCount(),
                d.negativeCount(), d.positiveCount(), d.firstMentionAt(), d.lastMentionAt(), d.createdAt(),
                d.slaDueAt(), d.secondsToBreach(), d.team(), d.assignee(), d.needsReply(), d.intents(),
                d.authorHandle(), d.snoozedUntil(), d.version(), d.ingestLagSeconds(), null, null,
                d.viewers().stream().map(v -> v.viewer()).toList()));
    }

    @POST
    @Path("/tasks/{id}/claim")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> claim(@PathParam("id") String id, @RestForm String version,
            @RestForm(InboxCsrf.FIELD) String token, @RestCookie(InboxCsrf.COOKIE) String csrf) {
        InboxCsrf.require(token, csrf);
        long taskId = RequestContext.id(id, "task");
        return act(taskId, csrf, actions.claim(taskId, context.caller(), ifMatch(version)));
    }

    @POST
    @Path("/tasks/{id}/note")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> note(@PathParam("id") String id, @RestForm String version,
            @RestForm String text, @RestForm(InboxCsrf.FIELD) String token,
            @RestCookie(InboxCsrf.COOKIE) String csrf) {
        InboxCsrf.require(token, csrf);
        long taskId = RequestContext.id(id, "task");
        if (text == null || text.isBlank() || text.length() > 10_000) {
            return act(taskId, csrf, Uni.createFrom().failure(
                    new InvalidRequestException("a note needs text, at most 10,000 characters")));
        }
        return act(taskId, csrf, actions.note(taskId, context.caller(), ifMatch(version), text.strip()));
    }

    @POST
    @Path("/tasks/{id}/snooze")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> snooze(@PathParam("id") String id, @RestForm String version,
            @RestForm String until, @RestForm(InboxCsrf.FIELD) String token,
            @RestCookie(InboxCsrf.COOKIE) String csrf) {
        InboxCsrf.require(token, csrf);
        long taskId = RequestContext.id(id, "task");
        return act(taskId, csrf, actions.snooze(taskId, context.caller(), ifMatch(version),
                until == null ? "" : until));
    }

    /**
     * Resolves, recording the reply when a link or text is given (with a link: a public reply; text alone: channel
     * other); with {@code next} the answer opens claim-next's task, or the inbox when there is none.
     */
    @POST
    @Path("/tasks/{id}/resolve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> resolve(@PathParam("id") String id, @RestForm String version,
            @RestForm String link, @RestForm String text, @RestForm String next,
            @RestForm(InboxCsrf.FIELD) String token, @RestCookie(InboxCsrf.COOKIE) String csrf) {
        InboxCsrf.require(token, csrf);
        long taskId = RequestContext.id(id, "task");
        String l = blankToNull(link);
        String t = blankToNull(text);
        if (t != null && t.length() > 10_000) {
            return act(taskId, csrf, Uni.createFrom().failure(
                    new InvalidRequestException("the reply text is at most 10,000 characters")));
        }
        Requests.Reply reply = l == null && t == null ? null : new Requests.Reply(l != null ? "public" : "other", l, t);
        Caller caller = context.caller();
        Uni<WriteResult<TaskDetail>> resolved = actions.resolve(taskId, caller, ifMatch(version), reply);
        if (next == null) {
            return act(taskId, csrf, resolved);
        }
        return resolved.flatMap(done -> claimNext.claimNext(caller, Preconditions.NONE, null))
                .map(claimed -> claimed.body() == null ? seeOther("/inbox?notice=empty")
                        : seeOther("/inbox/tasks/" + claimed.body().id()))
                .onFailure(InboxResource::refused).recoverWithUni(e -> problem(taskId, csrf, e));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Preconditions ifMatch(String version) {
        return new Preconditions(blankToNull(version), null, null);
    }

    /** After the action: back to the task page (see other), or the page again with the reason it was refused. */
    private Uni<RestResponse<TemplateInstance>> act(long id, String csrf, Uni<WriteResult<TaskDetail>> action) {
        return action.map(done -> seeOther("/inbox/tasks/" + id))
                .onFailure(InboxResource::refused).recoverWithUni(e -> problem(id, csrf, e));
    }

    private static RestResponse<TemplateInstance> seeOther(String location) {
        return RestResponse.ResponseBuilder.<TemplateInstance>seeOther(URI.create(location)).build();
    }

    /** What a person can act on; anything else (a 404, the database away) goes to the usual mappers. */
    private static boolean refused(Throwable e) {
        return e instanceof StaleVersionException || e instanceof ConflictException
                || e instanceof InvalidRequestException || e instanceof ForbiddenException;
    }

    private Uni<RestResponse<TemplateInstance>> problem(long id, String csrf, Throwable e) {
        int status = e instanceof StaleVersionException ? 412 : e instanceof ConflictException ? 409
                : e instanceof ForbiddenException ? 403 : 400;
        String message = e instanceof StaleVersionException
                ? "Not saved: someone else changed this task while you had it open (" + e.getMessage()
                        + "). Below is the task as it is now; check it and try again."
                : "Not saved: " + e.getMessage();
        return page(id, csrf, message).map(page -> RestResponse.ResponseBuilder.<TemplateInstance>create(status)
                .entity(page).build());
    }
}
