package dev.earshot.response.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.common.Caller;
import dev.earshot.response.common.ConflictException;
import dev.earshot.response.common.IfMatch;
import dev.earshot.response.common.Paging;
import dev.earshot.response.task.Router;
import dev.earshot.response.webhook.delivery.WebhookSender;
import dev.earshot.response.webhook.format.SampleEvents;
import dev.earshot.response.webhook.format.WebhookMessages;
import dev.earshot.response.webhook.format.WebhookSecrets;
import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.Page;
import dev.earshot.web.ResourceNotFoundException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Webhook subscriptions: validation, secrets and their rotation, and test messages. */
@ApplicationScoped
public class WebhookSubscriptionService {

    static final int MAX_URL = 2_000;
    static final int MAX_NAME = 200;
    static final int MAX_FILTER_VALUES = 50;
    static final int MAX_FILTER_VALUE = 200;
    /** Keys that sign at once: the newest and, during a rotation, the one before. */
    static final int MAX_SIGNING_KEYS = 2;
    private static final Set<String> TIERS = Set.of("P1", "P2", "P3", "P4");

    private final WebhookSubscriptionRepository subscriptions;
    private final Router router;
    private final WebhookMessages messages;
    private final WebhookSender sender;

    public WebhookSubscriptionService(WebhookSubscriptionRepository subscriptions, Router router,
            WebhookMessages messages, WebhookSender sender) {
        this.subscriptions = subscriptions;
        this.router = router;
        this.messages = messages;
        this.sender = sender;
    }

    /** A page of the subscriptions in id order, after {@code afterId} (null: from the first). */
    @WithSession
    public Uni<Page<WebhookView>> list(Long afterId, int limit) {
        return subscriptions.page(afterId, limit + 1).map(rows -> Paging.page(rows, limit, s -> view(s, null),
                last -> Long.toString(last.id)));
    }

    @WithSession
    public Uni<WebhookView> get(long id) {
        return find(id).map(s -> view(s, null));
    }

    /**
     * Checks a URL sent on create or change: its shape, then the address guard (the same as on every send), so an
     * internal or metadata address is a 400 at once instead of a delivery that never goes out. Null: nothing sent.
     */
    public Uni<Void> checkAddress(String url) {
        if (url == null) {
            return Uni.createFrom().voidItem();
        }
        String checked;
        try {
            checked = checkUrl(url);
        } catch (InvalidRequestException e) {
            return Uni.createFrom().failure(e);
        }
        return sender.refusal(checked).map(refusal -> {
            if (refusal != null) {
                throw new InvalidRequestException("url is refused: " + refusal);
            }
            return null;
        });
    }

    @WithTransaction
    public Uni<WebhookView> create(Caller caller, WebhookRequest request) {
        WebhookSubscriptionEntity s = new WebhookSubscriptionEntity();
        String newSecret;
        try {
            if (request.url() == null) {
                throw new InvalidRequestException("url is required");
            }
            apply(s, request);
            newSecret = WebhookFormat.JSON.id().equals(s.format) && request.secret() == null
                    ? WebhookSecrets.generate() : null;
        } catch (InvalidRequestException e) {
            return Uni.createFrom().failure(e);
        }
        if (newSecret != null) {
            s.secrets = List.of(newSecret);
        }
        Instant now = now();
        s.createdBy = caller.name();
        s.createdAt = now;
        s.updatedAt = now;
        s.version = 1;
        return subscriptions.persist(s).map(saved -> view(saved, newSecret));
    }

    @WithTransaction
    public Uni<WebhookView> replace(long id, String ifMatch, WebhookRequest request) {
        return lock(id).map(s -> {
            checkIfMatch(s, ifMatch);
            List<String> secretsBefore = s.secrets;
            String urlBefore = s.url;
            apply(s, merged(s, request));
            if (request.url() == null) {
                s.url = urlBefore;
            }
            if (request.secret() == null) {
                s.secrets = WebhookFormat.JSON.id().equals(s.format) ? secretsBefore : List.of();
            }
            if (WebhookFormat.JSON.id().equals(s.format) && s.secrets.isEmpty()) {
                throw new InvalidRequestException("the json format needs a secret: send one or rotate");
            }
            s.version += 1;
            s.updatedAt = now();
            return view(s, null);
        });
    }

    @WithTransaction
    public Uni<Void> delete(long id, String ifMatch) {
        return lock(id).flatMap(s -> {
            checkIfMatch(s, ifMatch);
            return subscriptions.delete(s);
        });
    }

    /**
     * Adds a new signing key in front; the previous one keeps signing too until
     * {@link #dropPreviousSecrets} so receivers can switch without losing a message.
     */
    @WithTransaction
    public Uni<WebhookView> rotateSecret(long id) {
        return lock(id).map(s -> {
            if (!WebhookFormat.JSON.id().equals(s.format)) {
                throw new ConflictException("only json subscriptions are signed; " + s.format + " has no secret");
            }
            String secret = WebhookSecrets.generate();
            List<String> keys = new ArrayList<>();
            keys.add(secret);
            if (!s.secrets.isEmpty()) {
                keys.add(s.secrets.get(0));
            }
            s.secrets = keys;
            s.version += 1;
            s.updatedAt = now();
            return view(s, secret);
        });
    }

    /** Ends a rotation: only the newest key signs from now on. */
    @WithTransaction
    public Uni<WebhookView> dropPreviousSecrets(long id) {
        return lock(id).map(s -> {
            if (s.secrets.size() > 1) {
                s.secrets = List.of(s.secrets.get(0));
                s.version += 1;
                s.updatedAt = now();
            }
            return view(s, null);
        });
    }

    /** Sends a sample event of the given type (default task.created) now, outside the outbox. */
    public Uni<TestSendResult> testSend(long id, String eventType) {
        WebhookEventType type;
        if (eventType == null) {
            type = WebhookEventType.TASK_CREATED;
        } else {
            type = WebhookEventType.fromId(eventType).orElse(null);
            if (type == null) {
                return Uni.createFrom().failure(new InvalidRequestException(
                        "event must be one of " + String.join(", ", WebhookEventType.ids())));
            }
        }
        // The session ends before the request goes out, so no connection waits on a slow endpoint.
        return Panache.withSession(() -> find(id)).flatMap(s -> {
            Instant now = now();
            WebhookEvent event = SampleEvents.of(type, now);
            return sender.send(s.url, messages.render(WebhookFormat.fromId(s.format).orElseThrow(), s.secrets,
                    event, now)).map(r -> new TestSendResult(r.success(), type.id(), r.statusCode(),
                    r.success() ? null : r.error() != null ? r.error() : "the endpoint answered " + r.statusCode(),
                    r.durationMillis(), r.body()));
        });
    }

    private Uni<WebhookSubscriptionEntity> find(long id) {
        return subscriptions.findById(id).onItem().ifNull().failWith(() -> notFound(id));
    }

    private Uni<WebhookSubscriptionEntity> lock(long id) {
        return subscriptions.lock(id).onItem().ifNull().failWith(() -> notFound(id));
    }

    /** A PUT changes only what it sends: every field left out (null) keeps the stored value. */
    private static WebhookRequest merged(WebhookSubscriptionEntity s, WebhookRequest r) {
        return new WebhookRequest(r.name() != null ? r.name() : s.name, r.url(),
                r.format() != null ? r.format() : s.format, r.events() != null ? r.events() : s.events,
                r.minTier() != null ? r.minTier() : s.minTier, r.teams() != null ? r.teams() : s.teams,
                r.intents() != null ? r.intents() : s.intents, r.sources() != null ? r.sources() : s.sources,
                r.rules() != null ? r.rules() : s.rules, r.secret(), r.enabled() != null ? r.enabled() : s.enabled);
    }

    private void apply(WebhookSubscriptionEntity s, WebhookRequest r) {
        if (r.name() == null || r.name().isBlank() || r.name().trim().length() > MAX_NAME) {
            throw new InvalidRequestException("name must be 1 to " + MAX_NAME + " characters");
        }
        if (r.url() != null) {
            s.url = checkUrl(r.url());
        }
        WebhookFormat format = r.format() == null ? null : WebhookFormat.fromId(r.format()).orElse(null);
        if (format == null) {
            throw new InvalidRequestException("format must be one of " + String.join(", ", WebhookFormat.ids()));
        }
        if (r.events() == null || r.events().isEmpty()) {
            throw new InvalidRequestException("events must name at least one of " + String.join(", ", WebhookEventType.ids()));
        }
        for (String e : r.events()) {
            if (WebhookEventType.fromId(e).isEmpty()) {
                throw new InvalidRequestException("unknown event " + e + "; known are " + String.join(", ", WebhookEventType.ids()));
            }
        }
        if (r.minTier() != null && !TIERS.contains(r.minTier())) {
            throw new InvalidRequestException("minTier must be one of P1, P2, P3, P4");
        }
        List<String> teams = values("teams", r.teams());
        for (String team : teams) {
            if (!router.isTeam(team)) {
                throw new InvalidRequestException("unknown team " + team + "; teams are " + String.join(", ", router.teams()));
            }
        }
        if (r.secret() != null) {
            if (format != WebhookFormat.JSON) {
                throw new InvalidRequestException("secret applies to the json format only; chat tools are "
                        + "authenticated by their webhook URL");
            }
            if (!WebhookSecrets.isValid(r.secret())) {
                throw new InvalidRequestException("secret must be whsec_ followed by the base64 of 24 to 64 random bytes");
            }
            s.secrets = List.of(r.secret());
        } else if (format != WebhookFormat.JSON) {
            s.secrets = List.of();
        }
        s.name = r.name().trim();
        s.format = format.id();
        s.events = List.copyOf(new LinkedHashSet<>(r.events()));
        s.minTier = r.minTier();
        s.teams = teams;
        s.intents = values("intents", r.intents());
        s.sources = values("sources", r.sources());
        s.rules = values("rules", r.rules());
        boolean enabled = r.enabled() == null || r.enabled();
        if (enabled) {
            s.disabledReason = null;
        } else if (s.enabled || s.disabledReason == null) {
            s.disabledReason = "disabled by an admin";
        }
        s.enabled = enabled;
    }

    private static List<String> values(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_FILTER_VALUES) {
            throw new InvalidRequestException(field + " takes at most " + MAX_FILTER_VALUES + " values");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : values) {
            if (v == null || v.isBlank() || v.length() > MAX_FILTER_VALUE) {
                throw new InvalidRequestException(field + " values must be 1 to " + MAX_FILTER_VALUE + " characters");
            }
            out.add(v.trim());
        }
        return List.copyOf(out);
    }

    /** Shape only; where the URL points is checked by the sender after DNS resolution, on every request. */
    static String checkUrl(String url) {
        String trimmed = url.trim();
        try {
            URI uri = new URI(trimmed);
            if (trimmed.length() > MAX_URL || !uri.isAbsolute() || uri.getHost() == null
                    || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getUserInfo() != null) {
                throw new InvalidRequestException("url must be an absolute http(s) URL without user info, at most "
                        + MAX_URL + " characters");
            }
            return trimmed;
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("url is not a valid URL: " + e.getReason());
        }
    }

    /** scheme://host[:port]/ + the first path segment, the rest masked: incoming-webhook URLs embed their token. */
    static String masked(String url) {
        try {
            URI uri = new URI(url);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            int second = path.indexOf('/', 1);
            String shown = second < 0 ? (path.length() > 1 ? "/" : path) : path.substring(0, second + 1);
            boolean hidden = path.length() > shown.length() || uri.getRawQuery() != null;
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + shown
                    + (hidden ? "…" : "");
        } catch (URISyntaxException e) {
            return "…";
        }
    }

    private static void checkIfMatch(WebhookSubscriptionEntity s, String ifMatch) {
        IfMatch.check(ifMatch, s.version, "the webhook changed since you read it (now version " + s.version + ")");
    }

    static WebhookView view(WebhookSubscriptionEntity s, String newSecret) {
        return new WebhookView(s.id, s.name, masked(s.url), s.format, s.events, s.minTier, s.teams, s.intents,
                s.sources, s.rules, s.secrets == null ? 0 : s.secrets.size(), s.enabled, s.disabledReason, s.version,
                s.createdBy, s.createdAt, s.updatedAt, newSecret);
    }

    private static ResourceNotFoundException notFound(long id) {
        return new ResourceNotFoundException("No webhook with id " + id);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
