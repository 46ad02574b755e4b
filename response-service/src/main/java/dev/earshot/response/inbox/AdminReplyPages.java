package dev.earshot.response.inbox;

import static dev.earshot.response.inbox.AdminForms.blankToNull;

import java.util.List;

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
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;

import dev.earshot.response.common.Preconditions;
import dev.earshot.response.common.RequestContext;
import dev.earshot.response.people.SignInConfig;
import dev.earshot.response.reply.SavedReplyService;
import dev.earshot.response.reply.SavedReplyView;
import dev.earshot.response.task.Router;
import dev.earshot.web.ListParameters;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Admin, saved replies (issue 18): the list, creating, changing and deleting one, with the placeholders explained.
 * Leads manage them too, as the API lets them. Everything goes through {@link SavedReplyService}.
 */
@Path("/inbox/admin/saved-replies")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"lead", "admin"})
public class AdminReplyPages {

    private static final List<String> LIST_PARAMETERS = List.of("cursor", "limit", "team", "notice");

    /** A saved reply as the form shows and sends it. */
    public record ReplyForm(String team, String name, String body) {

        public ReplyForm {
            team = team == null ? "" : team;
            name = name == null ? "" : name;
            body = body == null ? "" : body;
        }

        static ReplyForm of(SavedReplyView v) {
            return new ReplyForm(v.team(), v.name(), v.body());
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance replies(SignedIn me, List<SavedReplyView> replies, String next,
                ReplyForm form, List<String> teams, String problem, String notice);

        static native TemplateInstance reply(SignedIn me, SavedReplyView reply, ReplyForm form, List<String> teams,
                String problem, String notice);
    }

    private final SavedReplyService replies;
    private final RequestContext context;
    private final SecurityIdentity identity;
    private final Router router;
    private final boolean secureCookies;

    public AdminReplyPages(SavedReplyService replies, RequestContext context, SecurityIdentity identity,
            Router router, SignInConfig signIn) {
        this.replies = replies;
        this.context = context;
        this.identity = identity;
        this.router = router;
        this.secureCookies = signIn.secureCookies();
    }

    /** The saved replies of every team, or of the teams asked ({@code ?team=}), in team and name order. */
    @GET
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> list(@Context UriInfo uri, @QueryParam("notice") String notice,
            @RestCookie(InboxCsrf.COOKIE) String cookie) {
        String csrf = InboxCsrf.token(cookie);
        ListParameters query = ListParameters.check(uri, LIST_PARAMETERS, List.of("team"));
        return listPage(csrf, query, new ReplyForm("", "", ""), null, AdminForms.notice(notice))
                .map(page -> AdminForms.ok(page, csrf, cookie, secureCookies));
    }

    private Uni<TemplateInstance> listPage(String csrf, ListParameters query, ReplyForm form, String problem,
            String notice) {
        return replies.list(query).map(p -> Templates.replies(SignedIn.of(identity, csrf), p.items(),
                p.nextCursor(), form, router.teams(), problem, notice));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> create(@Context UriInfo uri, @RestForm String team,
            @RestForm String name, @RestForm String body, @RestForm(InboxCsrf.FIELD) String token,
            @RestCookie(InboxCsrf.COOKIE) String cookie) {
        ReplyForm form = new ReplyForm(team, name, body);
        return AdminForms.act(token, cookie, secureCookies,
                () -> replies.create(context.caller(), Preconditions.NONE, blankToNull(team), name, body)
                        .flatMap(saved -> AdminForms.seeOther("/inbox/admin/saved-replies?notice=created")),
                (csrf, e) -> listPage(csrf, ListParameters.check(uri), form, AdminForms.words(e), null));
    }

    @GET
    @Path("/{id}")
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> reply(@PathParam("id") String id, @QueryParam("notice") String notice,
            @RestCookie(InboxCsrf.COOKIE) String cookie) {
        String csrf = InboxCsrf.token(cookie);
        return replyPage(csrf, replyId(id), null, null, AdminForms.notice(notice))
                .map(page -> AdminForms.ok(page, csrf, cookie, secureCookies));
    }

    private Uni<TemplateInstance> replyPage(String csrf, long id, ReplyForm form, String problem, String notice) {
        return replies.get(id).map(v -> Templates.reply(SignedIn.of(identity, csrf), v,
                form != null ? form : ReplyForm.of(v), router.teams(), problem, notice));
    }

    /** Replaces the saved reply (If-Match: the version the form was read at). */
    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> update(@PathParam("id") String id, @RestForm String version,
            @RestForm String team, @RestForm String name, @RestForm String body,
            @RestForm(InboxCsrf.FIELD) String token, @RestCookie(InboxCsrf.COOKIE) String cookie) {
        long replyId = replyId(id);
        ReplyForm form = new ReplyForm(team, name, body);
        return AdminForms.act(token, cookie, secureCookies,
                () -> replies.update(replyId, context.caller(), new Preconditions(blankToNull(version), null, null),
                        blankToNull(team), name, body)
                        .flatMap(saved -> AdminForms.seeOther("/inbox/admin/saved-replies/" + replyId
                                + "?notice=saved")),
                (csrf, e) -> replyPage(csrf, replyId, AdminForms.stale(e) ? null : form, AdminForms.words(e),
                        null));
    }

    @POST
    @Path("/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> delete(@PathParam("id") String id, @RestForm String version,
            @RestForm(InboxCsrf.FIELD) String token, @RestCookie(InboxCsrf.COOKIE) String cookie) {
        long replyId = replyId(id);
        return AdminForms.act(token, cookie, secureCookies,
                () -> replies.delete(replyId, blankToNull(version))
                        .flatMap(v -> AdminForms.seeOther("/inbox/admin/saved-replies?notice=deleted")),
                (csrf, e) -> replyPage(csrf, replyId, null, AdminForms.words(e), null));
    }

    private static long replyId(String id) {
        return RequestContext.id(id, "saved reply");
    }
}
