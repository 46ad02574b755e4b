package dev.earshot.response.inbox;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.jboss.resteasy.reactive.RestResponse;

import dev.earshot.response.common.ConflictException;
import dev.earshot.response.common.StaleVersionException;
import dev.earshot.web.InvalidRequestException;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;

/**
 * What the admin pages share: the CSRF check before any action, a refusal of the services (400, 409, 412, 403) shown
 * on the page in words with its status (never a problem+json), the answers, and the reading of form fields.
 */
final class AdminForms {

    /** Every admin page may be shown with these notices after an action (?notice=...); anything else shows nothing. */
    private static final Map<String, String> NOTICES = Map.ofEntries(
            Map.entry("created", "Saved: created."),
            Map.entry("saved", "Saved."),
            Map.entry("deleted", "Deleted."),
            Map.entry("password", "Saved: the new password works from the next sign-in."),
            Map.entry("rotation-ended", "Saved: only the newest key signs now."),
            Map.entry("redelivered", "Queued: the delivery goes out again within a few seconds."));

    private AdminForms() {
    }

    static String notice(String code) {
        return code == null ? null : NOTICES.get(code);
    }

    /**
     * Runs a form's action once the form's CSRF token matches its cookie. A refusal, a missing token included,
     * renders {@code refusedPage} (given the page's CSRF token and the reason in words) with the refusal's status
     * instead; other failures (404, the database away) go to the usual mappers.
     */
    static Uni<RestResponse<TemplateInstance>> act(String token, String cookie, boolean secureCookies,
            Supplier<Uni<RestResponse<TemplateInstance>>> action,
            BiFunction<String, Throwable, Uni<TemplateInstance>> refusedPage) {
        Uni<RestResponse<TemplateInstance>> done;
        try {
            InboxCsrf.require(token, cookie);
            done = action.get();
        } catch (RuntimeException e) {
            done = Uni.createFrom().failure(e);
        }
        String csrf = InboxCsrf.token(cookie);
        return done.onFailure(AdminForms::refused).recoverWithUni(e -> refusedPage.apply(csrf, e)
                .map(page -> withCsrf(RestResponse.ResponseBuilder.<TemplateInstance>create(status(e)).entity(page),
                        csrf, cookie, secureCookies)));
    }

    /** A page, setting the CSRF cookie when the request had none. */
    static RestResponse<TemplateInstance> ok(TemplateInstance page, String csrf, String cookie, boolean secureCookies) {
        return withCsrf(RestResponse.ResponseBuilder.ok(page), csrf, cookie, secureCookies);
    }

    private static RestResponse<TemplateInstance> withCsrf(RestResponse.ResponseBuilder<TemplateInstance> b,
            String csrf, String cookie, boolean secureCookies) {
        if (!csrf.equals(cookie)) {
            b.cookie(InboxCsrf.cookie(csrf, secureCookies));
        }
        return b.build();
    }

    static Uni<RestResponse<TemplateInstance>> seeOther(String location) {
        return Uni.createFrom().item(RestResponse.ResponseBuilder.<TemplateInstance>seeOther(URI.create(location))
                .build());
    }

    static boolean refused(Throwable e) {
        return e instanceof StaleVersionException || e instanceof ConflictException
                || e instanceof InvalidRequestException || e instanceof ForbiddenException;
    }

    static boolean stale(Throwable e) {
        return e instanceof StaleVersionException;
    }

    private static int status(Throwable e) {
        return e instanceof StaleVersionException ? 412 : e instanceof ConflictException ? 409
                : e instanceof ForbiddenException ? 403 : 400;
    }

    /** The reason of a refusal as the page says it. */
    static String words(Throwable e) {
        return e instanceof StaleVersionException
                ? "Not saved: someone else changed it while you had it open (" + e.getMessage()
                        + "). Below is how it is now; check it and try again."
                : "Not saved: " + e.getMessage() + ".";
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A comma-separated field as its values: "a, b,,c" is [a, b, c]. */
    static List<String> values(String csv) {
        return csv == null ? List.of()
                : Arrays.stream(csv.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /** A list of values as a form field shows it. */
    static String csv(List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }

    /** A value (an id, a cursor) as one segment of a path or a query value: {@code {user.id.urlPart}}. */
    @TemplateExtension
    static String urlPart(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
