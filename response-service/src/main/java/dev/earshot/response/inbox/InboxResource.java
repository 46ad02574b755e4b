package dev.earshot.response.inbox;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
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
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.earshot.response.common.Caller;
import dev.earshot.response.common.ConflictException;
import dev.earshot.response.common.Preconditions;
import dev.earshot.response.common.RequestContext;
import dev.earshot.response.common.StaleVersionException;
import dev.earshot.response.common.WriteResult;
import dev.earshot.response.customer.CustomerService;
import dev.earshot.response.customer.CustomerView;
import dev.earshot.response.people.Directory;
import dev.earshot.response.people.SignInConfig;
import dev.earshot.response.people.UserView;
import dev.earshot.response.queue.QueueService;
import dev.earshot.response.reply.SavedReplyService;
import dev.earshot.response.task.MentionView;
import dev.earshot.response.task.Router;
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
import dev.earshot.web.ResourceNotFoundException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The web inbox's pages (issue 18): server-rendered Qute, htmx for filters and live updates, one CSRF-protected form
 * per action. Everything goes through the services the API uses (the queue's {@link QueueService}, the workflow's
 * {@link TaskActions} and {@link ClaimNext}, {@link TaskReader}, saved replies, the customer view, the directory); a
 * refused action (412 stale, 409, 400, 403) renders the task page again with that status and the reason; a bulk
 * action reports each task's outcome. A bad request on these paths answers a readable HTML page, not problem+json.
 */
@Path("/inbox")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"agent", "lead", "admin"})
public class InboxResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean error, boolean oidc, boolean signedOut, String providerError);

        static native TemplateInstance inbox(SignedIn me, QueueView view, List<InboxRow> rows, String nextCursor,
                String query, String notice);

        static native TemplateInstance task(SignedIn me, TaskDetail task, InboxRow row, TaskEvents history,
                String problem, TaskExtras extras);

        static native TemplateInstance task$presence(Presence presence);

        static native TemplateInstance bulk(SignedIn me, String action, List<BulkOutcome> outcomes, long done,
                long refused, String back);

        static native TemplateInstance error(int status, String title, String message);
    }

    /**
     * The intents the sentiment service detects (its IntentDetector.INTENTS), the intent filter's choices; an intent
     * asked for in the query that is not among them is shown too.
     */
    static final List<String> INTENTS = List.of("outage", "billing", "account-security", "churn-risk",
            "legal-threat", "question", "complaint", "praise", "spam");
    static final List<String> SENTIMENTS = List.of("negative", "neutral", "positive");
    static final List<String> DISMISS_REASONS = List.of("spam", "irrelevant", "duplicate");
    /** Most tasks one bulk action takes (each is its own transaction). */
    static final int MAX_BULK = 200;
    /** Posts per page of the conversation's older posts; saved replies offered on a task page. */
    static final int OLDER_POSTS = 20;
    static final int SAVED_REPLIES = 50;
    static final int PEOPLE = 200;

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
    private final InboxFacts facts;
    private final Router router;
    private final Directory directory;
    private final SavedReplyService savedReplies;
    private final CustomerService customers;

    public InboxResource(QueueService queue, TaskReader tasks, TaskActions actions, ClaimNext claimNext,
            RequestContext context, InboxUpdates updates, Viewing viewing, SignInConfig signIn,
            OidcSignOut oidcSignOut, SecurityIdentity identity, InboxFacts facts, Router router,
            Directory directory, SavedReplyService savedReplies, CustomerService customers) {
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
        this.facts = facts;
        this.router = router;
        this.directory = directory;
        this.savedReplies = savedReplies;
        this.customers = customers;
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
     * The queue in queue order, with the API's filters: the tabs send {@code assignee} (me, none) or {@code team};
     * tier, status, text, and source, intent and sentiment (several each) as {@code GET /api/v1/tasks} takes them.
     */
    @GET
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> inbox(@Context UriInfo uri, @QueryParam("notice") String notice,
            @RestCookie(InboxCsrf.COOKIE) String csrfCookie) {
        String csrf = InboxCsrf.token(csrfCookie);
        ListParameters q = ListParameters.check(uri, withNotice(), QueueService.LIST_PARAMETERS);
        Caller caller = context.caller();
        String query = uri.getRequestUri().getRawQuery();
        return queue.page(q, caller).flatMap(page -> facts.reach(page.items().stream().map(TaskSummary::id).toList())
                .flatMap(reach -> facts.sources().flatMap(sources -> people(caller).map(people -> withCsrf(
                        Templates.inbox(SignedIn.of(identity, csrf), view(q, sources, people),
                                page.items().stream().map(t -> InboxRow.of(t, reach.get(t.id()))).toList(),
                                page.nextCursor(), query == null ? "" : query, notice), csrf, csrfCookie)))));
    }

    /** The page's controls for the query {@code q} (already checked by the queue's listing). */
    private QueueView view(ListParameters q, List<String> sources, List<String> people) {
        String assignee = q.values("assignee").size() == 1 ? q.value("assignee") : null;
        String team = q.values("team").size() == 1 ? q.value("team") : null;
        boolean anyTab = assignee != null || team != null;
        List<QueueView.Choice> tabs = new ArrayList<>();
        tabs.add(new QueueView.Choice("/inbox?assignee=me", "Mine", "me".equals(assignee)));
        tabs.add(new QueueView.Choice("/inbox?assignee=none", "Unassigned", "none".equals(assignee)));
        tabs.add(new QueueView.Choice("/inbox", "All", !anyTab));
        for (String t : router.teams()) {
            tabs.add(new QueueView.Choice("/inbox?team=" + t, "Team " + t, assignee == null && t.equals(team)));
        }
        return new QueueView(tabs, assignee, team, q.value("tier"), q.value("status"), q.value("text"),
                List.of(new QueueView.Filter("source", "Source", choices(sources, q.values("source"),
                                InboxRow::sourceName)),
                        new QueueView.Filter("intent", "Intent", choices(INTENTS, q.values("intent"),
                                Function.identity())),
                        new QueueView.Filter("sentiment", "Sentiment", choices(SENTIMENTS, q.values("sentiment"),
                                Function.identity()))),
                people, router.teams());
    }

    /** The checkboxes of one filter: the known values, and any asked for that are not among them, checked. */
    private static List<QueueView.Choice> choices(List<String> known, List<String> asked,
            Function<String, String> label) {
        Set<String> all = new LinkedHashSet<>(known);
        all.addAll(asked);
        return all.stream().map(v -> new QueueView.Choice(v, label.apply(v), asked.contains(v))).toList();
    }

    /**
     * Whom the caller may assign: everyone in the directory for a lead or admin, themselves for an agent (the
     * workflow refuses the rest anyway); the caller alone while the directory is empty.
     */
    private Uni<List<String>> people(Caller caller) {
        if (!caller.lead()) {
            return Uni.createFrom().item(List.of(caller.name()));
        }
        return directory.list(null, PEOPLE).map(page -> page.items().isEmpty() ? List.of(caller.name())
                : page.items().stream().map(UserView::id).toList());
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
        List<String> known = new ArrayList<>(QueueService.PARAMETERS);
        known.add("notice");
        return known;
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

    /**
     * A bulk action on the tasks checked in the queue, each {@code task} sent as {@code id:version} (the version the
     * row showed when it was checked, so a task changed since is refused with 412, not overwritten): assign to
     * {@code assignee}, dismiss with {@code reason}, or move to {@code team}. Each task goes through the workflow on
     * its own, so one refusal does not undo or hide the others; the page lists every task's outcome.
     */
    @POST
    @Path("/bulk")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<TemplateInstance> bulk(@RestForm List<String> task, @RestForm String action,
            @RestForm String assignee, @RestForm String reason, @RestForm String team, @RestForm String back,
            @RestForm(InboxCsrf.FIELD) String token, @RestCookie(InboxCsrf.COOKIE) String csrf) {
        InboxCsrf.require(token, csrf);
        Map<Long, String> versions = BulkTasks.parse(task, MAX_BULK);
        Caller caller = context.caller();
        Function<Long, Uni<WriteResult<TaskDetail>>> one;
        String label;
        if ("assign".equals(action) && blankToNull(assignee) != null) {
            one = id -> actions.assign(id, caller, ActionForm.ifMatch(versions.get(id)), assignee.strip());
            label = "Assign to " + assignee.strip();
        } else if ("dismiss".equals(action) && DISMISS_REASONS.contains(reason)) {
            one = id -> actions.dismiss(id, caller, ActionForm.ifMatch(versions.get(id)), reason, null);
            label = "Dismiss as " + reason;
        } else if ("team".equals(action) && blankToNull(team) != null) {
            one = id -> actions.route(id, caller, ActionForm.ifMatch(versions.get(id)), team.strip());
            label = "Move to team " + team.strip();
        } else {
            throw new InvalidRequestException("choose assign with an assignee, dismiss with a reason (spam, "
                    + "irrelevant, duplicate) or team with a team");
        }
        String backTo = back == null || back.length() > 2000 ? "" : back;
        return Multi.createFrom().iterable(versions.keySet())
                .onItem().transformToUniAndConcatenate(id -> one.apply(id)
                        .map(done -> new BulkOutcome(id, true, 200, "done"))
                        .onFailure(e -> refused(e) || e instanceof ResourceNotFoundException)
                        .recoverWithItem(e -> new BulkOutcome(id, false, status(e), reason(e))))
                .collect().asList()
                .map(outcomes -> {
                    long done = outcomes.stream().filter(BulkOutcome::done).count();
                    return Templates.bulk(SignedIn.of(identity, csrf), label, outcomes, done, outcomes.size() - done,
                            backTo);
                });
    }

    /**
     * The task page; {@code older} (the conversation's cursor) adds the page of posts before the newest ones, older
     * pages following one another.
     */
    @GET
    @Path("/tasks/{id}")
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> task(@PathParam("id") String id, @Context UriInfo uri,
            @RestCookie(InboxCsrf.COOKIE) String csrfCookie) {
        long taskId = RequestContext.id(id, "task");
        String older = ListParameters.check(uri, "older").value("older");
        String csrf = InboxCsrf.token(csrfCookie);
        // opening the page is a viewing heartbeat: the others see who has it open (earshot.workflow.viewing-ttl)
        return viewing.beat(taskId, context.caller(), false).flatMap(v -> page(taskId, csrf, null, older))
                .map(page -> withCsrf(page, csrf, csrfCookie));
    }

    /**
     * The task page's presence warning, polled while the page is open: a viewing heartbeat, answered with who else
     * claimed the task and who else has it open.
     */
    @GET
    @Path("/tasks/{id}/presence")
    @Operation(hidden = true)
    public Uni<TemplateInstance> presence(@PathParam("id") String id) {
        long taskId = RequestContext.id(id, "task");
        Caller caller = context.caller();
        return viewing.beat(taskId, caller, false).map(v -> Templates.task$presence(Presence.of(taskId,
                caller.name(), v.assignee(), v.viewers().stream().map(x -> x.viewer()).toList())));
    }

    private Uni<TemplateInstance> page(long id, String csrf, String problem, String older) {
        Caller caller = context.caller();
        return tasks.get(id).flatMap(detail -> tasks.history(id, null, 200)
                .flatMap(history -> olderPosts(id, older)
                        .flatMap(olderPage -> savedReplies.fillAll(id, caller, SAVED_REPLIES)
                                .flatMap(replies -> customer(detail)
                                        .flatMap(customer -> people(caller).map(people -> Templates.task(
                                                SignedIn.of(identity, csrf), detail, row(detail), history, problem,
                                                extras(detail, caller, olderPage, replies, customer, people))))))));
    }

    private TaskExtras extras(TaskDetail d, Caller caller, Page<MentionView> older,
            List<dev.earshot.response.reply.FilledReply> replies, CustomerView customer, List<String> people) {
        List<MentionView> olderPosts = older == null ? List.of() : new ArrayList<>(older.items());
        Collections.reverse(olderPosts);
        List<TaskSummary> others = customer == null ? List.of()
                : customer.tasks().stream().filter(t -> t.id() != d.id()).toList();
        return new TaskExtras(olderPosts, older == null ? d.olderMentionsCursor() : older.nextCursor(), replies,
                customer, others, people, router.teams(), Presence.of(d.id(), caller.name(), d.assignee(),
                        d.viewers().stream().map(v -> v.viewer()).toList()));
    }

    private Uni<Page<MentionView>> olderPosts(long id, String cursor) {
        return cursor == null ? Uni.createFrom().nullItem() : tasks.posts(id, cursor, OLDER_POSTS);
    }

    /** The author's customer view; null when the task has no author or none of their posts is stored. */
    private Uni<CustomerView> customer(TaskDetail d) {
        if (d.authorHandle() == null) {
            return Uni.createFrom().nullItem();
        }
        return customers.customer(d.source(), d.authorHandle())
                .onFailure(ResourceNotFoundException.class).recoverWithNull();
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
    public Uni<RestResponse<TemplateInstance>> claim(@BeanParam ActionForm form) {
        return act(form, id -> actions.claim(id, context.caller(), form.ifMatch()));
    }

    /** Assigns to a person of the directory (an agent: themselves only, as the API). */
    @POST
    @Path("/tasks/{id}/assign")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> assign(@BeanParam ActionForm form, @RestForm String assignee) {
        String who = blankToNull(assignee);
        return act(form, id -> who == null || who.length() > 200
                ? Uni.createFrom().failure(new InvalidRequestException("choose whom to assign"))
                : actions.assign(id, context.caller(), form.ifMatch(), who));
    }

    /** Dismisses with a reason; with duplicate, optionally the task answered instead (its number, # allowed). */
    @POST
    @Path("/tasks/{id}/dismiss")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> dismiss(@BeanParam ActionForm form, @RestForm String reason,
            @RestForm String duplicateOf) {
        return act(form, id -> {
            if (!DISMISS_REASONS.contains(reason)) {
                return Uni.createFrom().failure(
                        new InvalidRequestException("the reason is one of " + String.join(", ", DISMISS_REASONS)));
            }
            String original = blankToNull(duplicateOf);
            Long of = original == null ? null : RequestContext.id(original.replaceFirst("^#", ""), "duplicate task");
            return actions.dismiss(id, context.caller(), form.ifMatch(), reason, of);
        });
    }

    @POST
    @Path("/tasks/{id}/reopen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> reopen(@BeanParam ActionForm form) {
        return act(form, id -> actions.reopen(id, context.caller(), form.ifMatch()));
    }

    /** Moves the task to another team (leads and admins, as the API). */
    @POST
    @Path("/tasks/{id}/team")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> team(@BeanParam ActionForm form, @RestForm String team) {
        return act(form, id -> actions.route(id, context.caller(), form.ifMatch(), blankToNull(team)));
    }

    @POST
    @Path("/tasks/{id}/note")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> note(@BeanParam ActionForm form, @RestForm String text) {
        return act(form, id -> text == null || text.isBlank() || text.length() > 10_000
                ? Uni.createFrom().failure(new InvalidRequestException("a note needs text, at most 10,000 characters"))
                : actions.note(id, context.caller(), form.ifMatch(), text.strip()));
    }

    @POST
    @Path("/tasks/{id}/snooze")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> snooze(@BeanParam ActionForm form, @RestForm String until) {
        return act(form, id -> actions.snooze(id, context.caller(), form.ifMatch(), until == null ? "" : until));
    }

    /**
     * Resolves, recording the reply when a link or text is given (with a link: a public reply; text alone: channel
     * other); with {@code next} the answer opens claim-next's task, or the inbox when there is none.
     */
    @POST
    @Path("/tasks/{id}/resolve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> resolve(@BeanParam ActionForm form, @RestForm String link,
            @RestForm String text, @RestForm String next) {
        long taskId = form.task();
        String l = blankToNull(link);
        String t = blankToNull(text);
        if (t != null && t.length() > 10_000) {
            return act(taskId, form.csrf, Uni.createFrom().failure(
                    new InvalidRequestException("the reply text is at most 10,000 characters")));
        }
        Requests.Reply reply = l == null && t == null ? null : new Requests.Reply(l != null ? "public" : "other", l, t);
        Caller caller = context.caller();
        Uni<WriteResult<TaskDetail>> resolved = actions.resolve(taskId, caller, form.ifMatch(), reply);
        if (next == null) {
            return act(taskId, form.csrf, resolved);
        }
        return resolved.flatMap(done -> claimNext.claimNext(caller, Preconditions.NONE, null))
                .map(claimed -> claimed.body() == null ? seeOther("/inbox?notice=empty")
                        : seeOther("/inbox/tasks/" + claimed.body().id()))
                .onFailure(InboxResource::refused).recoverWithUni(e -> problem(taskId, form.csrf, e));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * Every task action: the form checked (CSRF, id), the action run on the task's id (a refusal it throws while
     * preparing counts as refused, as one its Uni fails with), then {@link #act(long, String, Uni)}.
     */
    private Uni<RestResponse<TemplateInstance>> act(ActionForm form,
            LongFunction<Uni<WriteResult<TaskDetail>>> action) {
        long id = form.task();
        Uni<WriteResult<TaskDetail>> run;
        try {
            run = action.apply(id);
        } catch (InvalidRequestException e) {
            run = Uni.createFrom().failure(e);
        }
        return act(id, form.csrf, run);
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

    private static int status(Throwable e) {
        return e instanceof StaleVersionException ? 412 : e instanceof ConflictException ? 409
                : e instanceof ForbiddenException ? 403 : e instanceof ResourceNotFoundException ? 404 : 400;
    }

    /** Why it was refused, in words (a forbidden action's message says what the role does not allow). */
    private static String reason(Throwable e) {
        return e instanceof StaleVersionException
                ? "someone else changed this task since you read it (" + e.getMessage() + ")"
                : e.getMessage() == null ? "not allowed" : e.getMessage();
    }

    private Uni<RestResponse<TemplateInstance>> problem(long id, String csrf, Throwable e) {
        String message = e instanceof StaleVersionException
                ? "Not saved: " + reason(e) + ". Below is the task as it is now; check it and try again."
                : "Not saved: " + reason(e);
        return page(id, csrf, message, null).map(page -> RestResponse.ResponseBuilder.<TemplateInstance>create(
                status(e)).entity(page).build());
    }

    /** A bad request on the inbox's paths (an unknown filter, a form without its CSRF token): a page to read. */
    @ServerExceptionMapper
    public RestResponse<String> invalid(InvalidRequestException e) {
        return errorPage(400, "Bad request", e.getMessage());
    }

    @ServerExceptionMapper
    public RestResponse<String> notFound(ResourceNotFoundException e) {
        return errorPage(404, "Not found", e.getMessage());
    }

    private static RestResponse<String> errorPage(int status, String title, String message) {
        return RestResponse.ResponseBuilder.<String>create(status).entity(Templates.error(status, title, message)
                .render()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }
}
