package dev.earshot.response.inbox;

import static dev.earshot.response.inbox.AdminForms.blankToNull;

import java.util.List;
import java.util.function.BiFunction;

import jakarta.annotation.security.RolesAllowed;
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
import dev.earshot.response.common.RequestContext;
import dev.earshot.response.people.SignInConfig;
import dev.earshot.response.task.Router;
import dev.earshot.response.webhook.TestSendResult;
import dev.earshot.response.webhook.WebhookEventType;
import dev.earshot.response.webhook.WebhookFormat;
import dev.earshot.response.webhook.WebhookRequest;
import dev.earshot.response.webhook.WebhookSubscriptionService;
import dev.earshot.response.webhook.WebhookView;
import dev.earshot.response.webhook.delivery.DeliveryLog;
import dev.earshot.response.webhook.delivery.DeliveryViews;
import dev.earshot.response.webhook.delivery.WebhookDispatcher;
import dev.earshot.web.ListParameters;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Admin, webhooks (issue 18): the subscriptions, creating and changing one (its URL through the address guard, whose
 * refusal the page shows), a test message with the receiver's answer, the delivery log with redelivery, and the
 * signing key's rotation (the new key shown once). Everything goes through the API's services
 * ({@link WebhookSubscriptionService}, {@link DeliveryLog}).
 */
@Path("/inbox/admin/webhooks")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
public class AdminWebhookPages {

    /** The choices the forms offer. */
    public record Choices(List<String> formats, List<String> events, List<String> tiers, List<String> teams) {
    }

    /** A subscription as the form shows and sends it; the URL field is empty unless it is to change. */
    public record WebhookForm(String name, String url, String format, List<String> events, String minTier,
            List<String> teams, String intents, String sources, String rules, boolean enabled) {

        public WebhookForm {
            name = name == null ? "" : name;
            url = url == null ? "" : url;
            format = format == null ? "" : format;
            events = events == null ? List.of() : List.copyOf(events);
            minTier = minTier == null ? "" : minTier;
            teams = teams == null ? List.of() : List.copyOf(teams);
            intents = intents == null ? "" : intents;
            sources = sources == null ? "" : sources;
            rules = rules == null ? "" : rules;
        }

        static WebhookForm empty() {
            return new WebhookForm("", "", WebhookFormat.JSON.id(), List.of(WebhookEventType.TASK_CREATED.id()), "",
                    List.of(), "", "", "", true);
        }

        static WebhookForm of(WebhookView v) {
            return new WebhookForm(v.name(), "", v.format(), v.events(), v.minTier(), v.teams(),
                    AdminForms.csv(v.intents()), AdminForms.csv(v.sources()), AdminForms.csv(v.rules()), v.enabled());
        }

        /** The request: every field sent (a PUT then changes them all), the URL only when one was typed. */
        WebhookRequest request() {
            return new WebhookRequest(name, blankToNull(url), format, events, blankToNull(minTier), teams,
                    AdminForms.values(intents), AdminForms.values(sources), AdminForms.values(rules), null, enabled);
        }
    }

    /** What one action adds to the subscription's page: the test's answer, or the new signing key (shown once). */
    record Outcome(TestSendResult test, String secret) {
        static final Outcome NONE = new Outcome(null, null);
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance webhooks(SignedIn me, List<WebhookView> webhooks, String next,
                WebhookForm form, Choices choices, String problem, String notice);

        static native TemplateInstance webhook(SignedIn me, WebhookView webhook, WebhookForm form, Choices choices,
                List<DeliveryViews.Delivery> deliveries, String older, TestSendResult test, String secret,
                String problem, String notice);
    }

    private final WebhookSubscriptionService webhooks;
    private final DeliveryLog deliveries;
    private final RequestContext context;
    private final SecurityIdentity identity;
    private final Choices choices;
    private final boolean secureCookies;

    public AdminWebhookPages(WebhookSubscriptionService webhooks, DeliveryLog deliveries, RequestContext context,
            SecurityIdentity identity, Router router, SignInConfig signIn) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.context = context;
        this.identity = identity;
        this.choices = new Choices(WebhookFormat.ids(), WebhookEventType.ids(), List.of("P1", "P2", "P3", "P4"),
                router.teams());
        this.secureCookies = signIn.secureCookies();
    }

    @GET
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> list(@QueryParam("cursor") String cursor,
            @QueryParam("notice") String notice, @RestCookie(InboxCsrf.COOKIE) String cookie) {
        String csrf = InboxCsrf.token(cookie);
        return listPage(csrf, cursor, WebhookForm.empty(), null, AdminForms.notice(notice))
                .map(page -> AdminForms.ok(page, csrf, cookie, secureCookies));
    }

    private Uni<TemplateInstance> listPage(String csrf, String cursor, WebhookForm form, String problem,
            String notice) {
        return webhooks.list(Paging.afterId(cursor), ListParameters.DEFAULT_LIMIT).map(page -> Templates.webhooks(
                SignedIn.of(identity, csrf), page.items(), page.nextCursor(), form, choices, problem, notice));
    }

    /** Subscribes an endpoint; the answer is its page, with the signing key of a json subscription shown once. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> create(@RestForm String name, @RestForm String url,
            @RestForm String format, @RestForm List<String> events, @RestForm String minTier,
            @RestForm List<String> teams, @RestForm String intents, @RestForm String sources,
            @RestForm String rules, @RestForm String enabled, @RestForm(InboxCsrf.FIELD) String token,
            @RestCookie(InboxCsrf.COOKIE) String cookie) {
        WebhookForm form = new WebhookForm(name, url, format, events, minTier, teams, intents, sources, rules,
                enabled != null);
        WebhookRequest request = form.request();
        return AdminForms.act(token, cookie, secureCookies, () -> webhooks.checkAddress(request.url())
                .chain(() -> webhooks.create(context.caller(), request))
                .flatMap(created -> shown(cookie, created.id(), new Outcome(null, created.newSecret()),
                        "Saved: created.")),
                (csrf, e) -> listPage(csrf, null, form, AdminForms.words(e), null));
    }

    @GET
    @Path("/{id}")
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> webhook(@PathParam("id") String id,
            @QueryParam("cursor") String cursor, @QueryParam("notice") String notice,
            @RestCookie(InboxCsrf.COOKIE) String cookie) {
        String csrf = InboxCsrf.token(cookie);
        return page(csrf, webhookId(id), cursor, Outcome.NONE, null, AdminForms.notice(notice))
                .map(page -> AdminForms.ok(page, csrf, cookie, secureCookies));
    }

    /** The subscription's page: its form (the stored values, or {@code form} when given), and its delivery log. */
    private Uni<TemplateInstance> page(String csrf, long id, String cursor, Outcome outcome, String problem,
            String notice) {
        return page(csrf, id, cursor, null, outcome, problem, notice);
    }

    private Uni<TemplateInstance> page(String csrf, long id, String cursor, WebhookForm form, Outcome outcome,
            String problem, String notice) {
        return webhooks.get(id).flatMap(v -> deliveries.list(id, Paging.afterId(cursor), 20)
                .map(log -> Templates.webhook(SignedIn.of(identity, csrf), v, form != null ? form : WebhookForm.of(v),
                        choices, log.items(), log.nextCursor(), outcome.test(), outcome.secret(), problem, notice)));
    }

    /** Changes the subscription (If-Match: the version the form was read at). */
    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> update(@PathParam("id") String id, @RestForm String version,
            @RestForm String name, @RestForm String url, @RestForm String format, @RestForm List<String> events,
            @RestForm String minTier, @RestForm List<String> teams, @RestForm String intents,
            @RestForm String sources, @RestForm String rules, @RestForm String enabled,
            @RestForm(InboxCsrf.FIELD) String token, @RestCookie(InboxCsrf.COOKIE) String cookie) {
        long webhookId = webhookId(id);
        WebhookForm form = new WebhookForm(name, url, format, events, minTier, teams, intents, sources, rules,
                enabled != null);
        WebhookRequest request = form.request();
        return AdminForms.act(token, cookie, secureCookies, () -> webhooks.checkAddress(request.url())
                .chain(() -> webhooks.replace(webhookId, blankToNull(version), request))
                .flatMap(v -> AdminForms.seeOther(path(webhookId) + "?notice=saved")),
                (csrf, e) -> page(csrf, webhookId, null, AdminForms.stale(e) ? null : form, Outcome.NONE,
                        AdminForms.words(e), null));
    }

    /** Sends a sample event now; the page shows what the receiver answered. */
    @POST
    @Path("/{id}/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> test(@PathParam("id") String id, @RestForm String event,
            @RestForm(InboxCsrf.FIELD) String token, @RestCookie(InboxCsrf.COOKIE) String cookie) {
        long webhookId = webhookId(id);
        return AdminForms.act(token, cookie, secureCookies, () -> webhooks.testSend(webhookId, blankToNull(event))
                .flatMap(result -> shown(cookie, webhookId, new Outcome(result, null), null)), refused(webhookId));
    }

    /** A new signing key, shown once on the answer; the previous one keeps signing until the rotation ends. */
    @POST
    @Path("/{id}/rotate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> rotate(@PathParam("id") String id,
            @RestForm(InboxCsrf.FIELD) String token, @RestCookie(InboxCsrf.COOKIE) String cookie) {
        long webhookId = webhookId(id);
        return AdminForms.act(token, cookie, secureCookies, () -> webhooks.rotateSecret(webhookId)
                .flatMap(v -> shown(cookie, webhookId, new Outcome(null, v.newSecret()),
                        "Saved: a new signing key. Both keys sign until you end the rotation.")), refused(webhookId));
    }

    @POST
    @Path("/{id}/end-rotation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> endRotation(@PathParam("id") String id,
            @RestForm(InboxCsrf.FIELD) String token, @RestCookie(InboxCsrf.COOKIE) String cookie) {
        long webhookId = webhookId(id);
        return AdminForms.act(token, cookie, secureCookies, () -> webhooks.dropPreviousSecrets(webhookId)
                .flatMap(v -> AdminForms.seeOther(path(webhookId) + "?notice=rotation-ended")),
                refused(webhookId));
    }

    /** Deletes the subscription and its delivery log (If-Match: the version the page was read at). */
    @POST
    @Path("/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> delete(@PathParam("id") String id, @RestForm String version,
            @RestForm(InboxCsrf.FIELD) String token, @RestCookie(InboxCsrf.COOKIE) String cookie) {
        long webhookId = webhookId(id);
        return AdminForms.act(token, cookie, secureCookies, () -> webhooks.delete(webhookId, blankToNull(version))
                .flatMap(v -> AdminForms.seeOther("/inbox/admin/webhooks?notice=deleted")),
                refused(webhookId));
    }

    /** Sends a delivery again (pending, due now, attempts from zero), as the API's redeliver. */
    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> redeliver(@PathParam("id") String id,
            @PathParam("deliveryId") String deliveryId, @RestForm(InboxCsrf.FIELD) String token,
            @RestCookie(InboxCsrf.COOKIE) String cookie) {
        long webhookId = webhookId(id);
        long delivery = RequestContext.id(deliveryId, "delivery");
        return AdminForms.act(token, cookie, secureCookies,
                () -> deliveries.redeliver(webhookId, delivery, WebhookDispatcher.now())
                        .flatMap(d -> AdminForms.seeOther(path(webhookId) + "?notice=redelivered")),
                refused(webhookId));
    }

    /** The subscription's page as an action's answer (the test's result, a new key) rather than a redirect. */
    private Uni<RestResponse<TemplateInstance>> shown(String cookie, long id, Outcome outcome, String notice) {
        String csrf = InboxCsrf.token(cookie);
        return page(csrf, id, null, outcome, null, notice).map(p -> AdminForms.ok(p, csrf, cookie, secureCookies));
    }

    /** The subscription's page saying why an action was refused. */
    private BiFunction<String, Throwable, Uni<TemplateInstance>> refused(long id) {
        return (csrf, e) -> page(csrf, id, null, Outcome.NONE, AdminForms.words(e), null);
    }

    private static long webhookId(String id) {
        return RequestContext.id(id, "webhook");
    }

    private static String path(long id) {
        return "/inbox/admin/webhooks/" + id;
    }
}
