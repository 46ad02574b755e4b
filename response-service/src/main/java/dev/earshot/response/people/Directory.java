package dev.earshot.response.people;

import java.time.Clock;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.earshot.response.common.Caller;
import dev.earshot.response.common.Clocks;
import dev.earshot.response.common.ConflictException;
import dev.earshot.response.common.Paging;
import dev.earshot.response.storage.StoredText;
import dev.earshot.response.task.Router;
import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.Page;
import dev.earshot.web.ResourceNotFoundException;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.ForbiddenException;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The directory of people, and the rules the workflow asks it about. <b>While the directory is empty</b> (a
 * deployment that never set it up) the old rules hold: anyone may be assigned, anyone claims from any team.
 * Once it has anyone in it: an assignee must be in it (400 otherwise); an agent (token role agent) claims only
 * from their own teams, and one not in the directory is refused (403); leads and admins (token roles) claim
 * from any team. The id is the name tokens carry (upn); email is unique; the only secret is the bcrypt hash of the
 * inbox password ({@link #setPassword}), which no view shows. The last admin can be neither demoted nor removed (409),
 * so someone can always manage the directory.
 */
@ApplicationScoped
public class Directory {

    /** The shortest inbox password accepted. */
    public static final int MIN_PASSWORD = 12;
    /** Bcrypt reads no more than 72 bytes: a longer password would be cut silently. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private final UserRepository users;
    private final Router router;
    private final Clock clock;
    private final SignInConfig signIn;
    private final Pool pool;

    public Directory(UserRepository users, Router router, Clock clock, SignInConfig signIn, Pool pool) {
        this.pool = pool;
        this.users = users;
        this.router = router;
        this.clock = clock;
        this.signIn = signIn;
    }

    /** A page of the directory in id order, after {@code after} (null: from the first). */
    @WithSession
    public Uni<Page<UserView>> list(String after, int limit) {
        return users.page(after, limit + 1).map(rows -> Paging.page(rows, limit, UserView::of,
                last -> Paging.textCursor(last.id)));
    }

    @WithSession
    public Uni<UserView> get(String id) {
        return users.findById(id).onItem().ifNull().failWith(() -> notFound(id)).map(UserView::of);
    }

    /** Creates or replaces a person; the answer says which (true: created). */
    @WithTransaction
    public Uni<Saved> put(String id, UserRequest request) {
        return write(id, request, false, null);
    }

    /**
     * Adds a person who is not in the directory yet (409 when the id is taken), with an inbox password when
     * {@code password} is not null (checked as {@link #setPassword} does).
     */
    public Uni<UserView> create(String id, UserRequest request, String password) {
        return hash(password).flatMap(hash -> Panache.withTransaction(() -> write(id, request, true, hash)))
                .map(Saved::user);
    }

    /** Sets a person's inbox password: at least {@value #MIN_PASSWORD} characters, hashed with bcrypt. */
    public Uni<UserView> setPassword(String id, String password) {
        if (password == null) {
            return Uni.createFrom().failure(new InvalidRequestException("a password is required"));
        }
        return hash(password).flatMap(hash -> Panache.withTransaction(() -> users.findById(id)
                .onItem().ifNull().failWith(() -> notFound(id))
                .map(u -> {
                    u.passwordHash = hash;
                    u.updatedAt = Clocks.now(clock);
                    return UserView.of(u);
                })));
    }

    /** The bcrypt hash of a checked password, made on a worker thread (bcrypt is slow on purpose); null for null. */
    private Uni<String> hash(String password) {
        if (password == null) {
            return Uni.createFrom().nullItem();
        }
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    "the password must be at least " + MIN_PASSWORD + " characters"));
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    "the password must be at most " + MAX_PASSWORD_BYTES + " bytes (bcrypt reads no more)"));
        }
        int cost = signIn.bcryptCost();
        return VertxContextSupport.executeBlocking(() -> BcryptUtil.bcryptHash(password, cost));
    }

    private Uni<Saved> write(String id, UserRequest request, boolean mustBeNew, String passwordHash) {
        for (String team : request.teams()) {
            if (!router.isTeam(team)) {
                return Uni.createFrom().failure(new InvalidRequestException(
                        "teams: " + team + " is not a team; teams are " + String.join(", ", router.teams())));
            }
        }
        return users.byEmail(request.email())
                .invoke(other -> {
                    if (other != null && !other.id.equals(id)) {
                        throw new ConflictException("email " + request.email() + " belongs to user " + other.id);
                    }
                })
                .flatMap(x -> request.slackUserId() == null ? Uni.createFrom().nullItem()
                        : users.bySlackId(request.slackUserId()))
                .invoke(other -> {
                    if (other != null && !other.id.equals(id)) {
                        throw new ConflictException("slackUserId " + request.slackUserId() + " belongs to user "
                                + other.id);
                    }
                })
                .flatMap(x -> users.findById(id))
                .call(existing -> {
                    if (existing != null && mustBeNew) {
                        return Uni.createFrom().failure(new ConflictException("user " + id + " exists already"));
                    }
                    return existing != null && !"admin".equals(request.role())
                            ? requireAnotherAdmin(existing, "demoted") : Uni.createFrom().voidItem();
                })
                .flatMap(existing -> {
                    Instant now = Clocks.now(clock);
                    UserEntity u = existing == null ? new UserEntity() : existing;
                    if (existing == null) {
                        u.id = id;
                        u.createdAt = now;
                    }
                    u.displayName = request.displayName();
                    u.email = request.email();
                    u.role = request.role();
                    u.teams = List.copyOf(request.teams().stream().distinct().toList());
                    u.slackUserId = request.slackUserId();
                    if (passwordHash != null) {
                        u.passwordHash = passwordHash;
                    }
                    u.updatedAt = now;
                    return (existing == null ? users.persist(u) : Uni.createFrom().item(u))
                            .call(users::flush)
                            .map(saved -> new Saved(existing == null, UserView.of(saved)));
                });
    }

    public record Saved(boolean created, UserView user) {
    }

    @WithTransaction
    public Uni<Void> delete(String id) {
        return users.findById(id).onItem().ifNull().failWith(() -> notFound(id))
                .call(u -> requireAnotherAdmin(u, "removed"))
                .flatMap(users::delete);
    }

    /**
     * 409 when {@code user} is the last admin. Locks the admins' rows (in id order, so two such changes wait for each
     * other instead of both passing).
     */
    private Uni<Void> requireAnotherAdmin(UserEntity user, String change) {
        if (!"admin".equals(user.role)) {
            return Uni.createFrom().voidItem();
        }
        return users.find("role = 'admin' order by id").withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .invoke(admins -> {
                    if (admins.stream().noneMatch(a -> !a.id.equals(user.id))) {
                        throw new ConflictException(user.id + " is the last admin and cannot be " + change
                                + "; make someone else an admin first");
                    }
                }).replaceWithVoid();
    }

    /** 400 when the directory is in use and {@code assignee} is not in it. */
    public Uni<Void> requireAssignable(String assignee) {
        return membership(assignee).invoke(m -> {
            if (!m.found() && m.inUse()) {
                throw new InvalidRequestException("assignee " + assignee + " is not in the user directory");
            }
        }).replaceWithVoid();
    }

    /**
     * The teams {@code caller} claims from with claim-next's {@code team} parameter: null for every team. Leads
     * and admins (and everyone while the directory is empty) get what they ask for; an agent gets their own teams,
     * 403 when asking for another team, when not in the directory or in no team.
     */
    public Uni<List<String>> claimTeams(Caller caller, String team) {
        List<String> asked = team == null ? null : List.of(team);
        if (caller.lead()) {
            return Uni.createFrom().item(asked);
        }
        return membership(caller.name()).map(m -> {
            if (!m.found()) {
                if (m.inUse()) {
                    throw new ForbiddenException(caller.name() + " is not in the user directory; an admin adds "
                            + "people with PUT /api/v1/users/{id}");
                }
                return asked;
            }
            if (team != null && !m.teams().contains(team)) {
                throw new ForbiddenException("agents claim from their own teams (" + String.join(", ", m.teams())
                        + "); a lead or admin may claim from " + team);
            }
            if (m.teams().isEmpty()) {
                throw new ForbiddenException(caller.name() + " belongs to no team; an admin sets the teams");
            }
            return asked != null ? asked : m.teams();
        });
    }

    /** Whether {@code id} is in the directory (and their teams), and whether anyone is. */
    private record Membership(boolean found, List<String> teams, boolean inUse) {
    }

    /**
     * One statement on the reactive pool, no Hibernate session: claim-next and assignment ask it on every call
     * (through a session it was three round trips and most of claim-next's CPU under the load benchmark).
     */
    private Uni<Membership> membership(String id) {
        return pool.preparedQuery(MEMBERSHIP).execute(StoredText.tuple(id)).map(rows -> {
            Row r = rows.iterator().next();
            String[] teams = r.getArrayOfStrings(0);
            return new Membership(teams != null, teams == null ? List.of() : List.of(teams), r.getBoolean(1));
        });
    }

    private static final String MEMBERSHIP = "SELECT (SELECT teams FROM app_user WHERE id = $1),"
            + " EXISTS (SELECT 1 FROM app_user)";

    /** The display name of {@code id} in the directory; {@code id} itself when they are not in it. */
    @WithSession
    public Uni<String> displayName(String id) {
        return users.findById(id).map(u -> u == null ? id : u.displayName);
    }

    /** The person linked to a Slack user id, or null. */
    @WithSession
    public Uni<UserEntity> bySlackId(String slackUserId) {
        return users.bySlackId(slackUserId);
    }

    private static ResourceNotFoundException notFound(String id) {
        return new ResourceNotFoundException("no user " + id);
    }
}
