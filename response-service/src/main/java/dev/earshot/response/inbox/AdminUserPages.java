package dev.earshot.response.inbox;

import static dev.earshot.response.inbox.AdminForms.blankToNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;

import dev.earshot.response.common.Paging;
import dev.earshot.response.people.Directory;
import dev.earshot.response.people.SignInConfig;
import dev.earshot.response.people.UserRequest;
import dev.earshot.response.people.UserView;
import dev.earshot.response.task.Router;
import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.ListParameters;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Admin, users and roles (issue 18): the directory, adding a person (with an inbox password), changing role, teams
 * and names, setting a password, removing a person. Everything goes through {@link Directory}, the API's service, with
 * the API's Bean Validation of {@link UserRequest}; the last admin can be neither demoted nor removed there.
 */
@Path("/inbox/admin/users")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
public class AdminUserPages {

    static final List<String> ROLES = List.of("agent", "lead", "admin");
    /** The API's limit on a user id (the name tokens carry). */
    static final int MAX_ID = 320;
    private static final Map<String, String> LABELS = Map.of("displayName", "Display name", "email", "Email",
            "role", "Role", "teams", "Teams", "slackUserId", "Slack user id");

    /** A person as the form shows and sends them. */
    public record UserForm(String id, String displayName, String email, String role, List<String> teams,
            String slackUserId) {

        public UserForm {
            id = id == null ? "" : id.strip();
            displayName = displayName == null ? "" : displayName;
            email = email == null ? "" : email;
            role = role == null ? "" : role;
            teams = teams == null ? List.of() : List.copyOf(teams);
            slackUserId = slackUserId == null ? "" : slackUserId;
        }

        static UserForm empty() {
            return new UserForm("", "", "", "agent", List.of(), "");
        }

        static UserForm of(UserView u) {
            return new UserForm(u.id(), u.displayName(), u.email(), u.role(), u.teams(),
                    u.slackUserId() == null ? "" : u.slackUserId());
        }

        UserRequest request() {
            return new UserRequest(blankToNull(displayName), blankToNull(email), role, teams,
                    blankToNull(slackUserId));
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance users(SignedIn me, List<UserView> users, String next, UserForm form,
                List<String> teams, List<String> roles, int minPassword, String problem, String notice);

        static native TemplateInstance user(SignedIn me, UserView user, UserForm form, List<String> teams,
                List<String> roles, int minPassword, String problem, String notice);
    }

    private final Directory directory;
    private final Router router;
    private final Validator validator;
    private final SecurityIdentity identity;
    private final boolean secureCookies;

    public AdminUserPages(Directory directory, Router router, Validator validator, SecurityIdentity identity,
            SignInConfig signIn) {
        this.directory = directory;
        this.router = router;
        this.validator = validator;
        this.identity = identity;
        this.secureCookies = signIn.secureCookies();
    }

    @GET
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> list(@QueryParam("cursor") String cursor,
            @QueryParam("notice") String notice, @RestCookie(InboxCsrf.COOKIE) String cookie) {
        String csrf = InboxCsrf.token(cookie);
        return listPage(csrf, cursor, UserForm.empty(), null, AdminForms.notice(notice))
                .map(page -> AdminForms.ok(page, csrf, cookie, secureCookies));
    }

    private Uni<TemplateInstance> listPage(String csrf, String cursor, UserForm form, String problem, String notice) {
        return directory.list(Paging.afterText(cursor), ListParameters.DEFAULT_LIMIT).map(page -> Templates.users(
                SignedIn.of(identity, csrf), page.items(), page.nextCursor(), form, router.teams(), ROLES,
                Directory.MIN_PASSWORD, problem, notice));
    }

    /** Adds a person; the id is the email (lower case) unless one is given, the password optional. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> create(@RestForm String id, @RestForm String displayName,
            @RestForm String email, @RestForm String role, @RestForm List<String> teams,
            @RestForm String slackUserId, @RestForm String password, @RestForm(InboxCsrf.FIELD) String token,
            @RestCookie(InboxCsrf.COOKIE) String cookie) {
        UserForm form = new UserForm(id, displayName, email, role, teams, slackUserId);
        return AdminForms.act(token, cookie, secureCookies, () -> {
            if (form.id().length() > MAX_ID) {
                throw new InvalidRequestException("Id must be at most " + MAX_ID + " characters");
            }
            UserRequest request = checked(form.request());
            String userId = !form.id().isEmpty() ? form.id() : request.email().strip().toLowerCase(Locale.ROOT);
            return directory.create(userId, request, password == null || password.isEmpty() ? null : password)
                    .flatMap(u -> AdminForms.seeOther(userPath(u.id()) + "?notice=created"));
        }, (csrf, e) -> listPage(csrf, null, form, AdminForms.words(e), null));
    }

    @GET
    @Path("/{id}")
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> user(@PathParam("id") String id, @QueryParam("notice") String notice,
            @RestCookie(InboxCsrf.COOKIE) String cookie) {
        String csrf = InboxCsrf.token(cookie);
        return userPage(csrf, id, null, null, AdminForms.notice(notice))
                .map(page -> AdminForms.ok(page, csrf, cookie, secureCookies));
    }

    /** The person's page; the form shows {@code form} (what was sent and refused) or the person as stored. */
    private Uni<TemplateInstance> userPage(String csrf, String id, UserForm form, String problem, String notice) {
        return directory.get(id).map(u -> Templates.user(SignedIn.of(identity, csrf), u,
                form != null ? form : UserForm.of(u), router.teams(), ROLES, Directory.MIN_PASSWORD, problem,
                notice));
    }

    /** Changes display name, email, role, teams and Slack id (a PUT of the whole person, as the API's). */
    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> update(@PathParam("id") String id, @RestForm String displayName,
            @RestForm String email, @RestForm String role, @RestForm List<String> teams,
            @RestForm String slackUserId, @RestForm(InboxCsrf.FIELD) String token,
            @RestCookie(InboxCsrf.COOKIE) String cookie) {
        UserForm form = new UserForm(id, displayName, email, role, teams, slackUserId);
        // only an existing person is changed here: adding is the list page's form
        return AdminForms.act(token, cookie, secureCookies, () -> directory.get(id)
                .flatMap(existing -> directory.put(id, checked(form.request())))
                .flatMap(saved -> AdminForms.seeOther(userPath(id) + "?notice=saved")),
                (csrf, e) -> userPage(csrf, id, form, AdminForms.words(e), null));
    }

    @POST
    @Path("/{id}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> password(@PathParam("id") String id, @RestForm String password,
            @RestForm(InboxCsrf.FIELD) String token, @RestCookie(InboxCsrf.COOKIE) String cookie) {
        return AdminForms.act(token, cookie, secureCookies, () -> directory.setPassword(id, password)
                .flatMap(u -> AdminForms.seeOther(userPath(id) + "?notice=password")),
                (csrf, e) -> userPage(csrf, id, null, AdminForms.words(e), null));
    }

    /** Removes the person from the directory, as the API's DELETE (tasks they hold stay assigned to them). */
    @POST
    @Path("/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> delete(@PathParam("id") String id,
            @RestForm(InboxCsrf.FIELD) String token, @RestCookie(InboxCsrf.COOKIE) String cookie) {
        return AdminForms.act(token, cookie, secureCookies, () -> directory.delete(id)
                .flatMap(v -> AdminForms.seeOther("/inbox/admin/users?notice=deleted")),
                (csrf, e) -> userPage(csrf, id, null, AdminForms.words(e), null));
    }

    /** The request after the API's Bean Validation; a violation is a 400 naming the fields. */
    private UserRequest checked(UserRequest request) {
        Set<ConstraintViolation<UserRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations.stream()
                    .map(v -> label(v.getPropertyPath().toString()) + " " + v.getMessage()).sorted()
                    .reduce((a, b) -> a + "; " + b).orElseThrow());
        }
        return request;
    }

    private static String label(String path) {
        String field = path.contains("[") ? path.substring(0, path.indexOf('[')) : path;
        return LABELS.getOrDefault(field, field);
    }

    static String userPath(String id) {
        return "/inbox/admin/users/" + AdminForms.urlPart(id);
    }
}
