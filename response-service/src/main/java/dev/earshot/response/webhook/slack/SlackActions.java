package dev.earshot.response.webhook.slack;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.response.common.Caller;
import dev.earshot.response.people.Directory;
import dev.earshot.response.common.ConflictException;
import dev.earshot.response.common.Preconditions;
import dev.earshot.response.task.MentionRepository;
import dev.earshot.response.task.TaskRepository;
import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookEventType;
import dev.earshot.response.webhook.WebhookOutbox;
import dev.earshot.response.webhook.delivery.SendResult;
import dev.earshot.response.webhook.delivery.WebhookSender;
import dev.earshot.response.webhook.format.OutgoingMessage;
import dev.earshot.response.webhook.format.WebhookMessages;
import dev.earshot.response.workflow.TaskActions;
import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.ResourceNotFoundException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;

/**
 * Carries out a click on one of Earshot's Slack buttons as the Earshot agent mapped to the Slack user,
 * through the same workflow as the REST API, then updates the Slack message through its
 * {@code response_url}: the task re-rendered with a note on what happened, or, when the workflow
 * refuses, an ephemeral message that only the clicking user sees.
 */
@ApplicationScoped
public class SlackActions {

    public static final String CLAIM = "earshot_claim";
    public static final String RESOLVE = "earshot_resolve";
    public static final String SNOOZE = "earshot_snooze";
    static final Set<String> ACTIONS = Set.of(CLAIM, RESOLVE, SNOOZE);

    private final TaskActions workflow;
    private final TaskRepository tasks;
    private final MentionRepository mentions;
    private final WebhookOutbox outbox;
    private final WebhookMessages messages;
    private final WebhookSender sender;
    private final ObjectMapper mapper;
    private final SlackConfig config;
    private final Map<String, String> agents;
    private final Set<String> leads;
    private final Directory directory;

    public SlackActions(TaskActions workflow, TaskRepository tasks, MentionRepository mentions,
            WebhookOutbox outbox, WebhookMessages messages, WebhookSender sender, ObjectMapper mapper,
            SlackConfig config, Directory directory) {
        this.directory = directory;
        this.workflow = workflow;
        this.tasks = tasks;
        this.mentions = mentions;
        this.outbox = outbox;
        this.messages = messages;
        this.sender = sender;
        this.mapper = mapper;
        this.config = config;
        this.agents = config.users().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> normalise(e.getKey()), Map.Entry::getValue, (a, b) -> a));
        this.leads = config.leadUsers().orElse(List.of()).stream().map(SlackActions::normalise)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether this interaction is a click on one of Earshot's buttons. */
    public static boolean isEarshotAction(SlackInteraction interaction) {
        return SlackInteraction.BLOCK_ACTIONS.equals(interaction.type()) && ACTIONS.contains(interaction.actionId());
    }

    /**
     * Acts on the task and answers in Slack. Never fails: a refusal is told to the Slack user, an
     * unexpected failure is logged.
     */
    public Uni<Void> handle(SlackInteraction click) {
        if (click.userId() == null) {
            return handle(click, null, false);
        }
        // the directory's slackUserId first; earshot.slack.users / lead-users for people not in it
        return directory.bySlackId(click.userId())
                .onFailure().invoke(e -> Log.warnf(e, "user directory not read for Slack user %s", click.userId()))
                .onFailure().recoverWithNull()
                .flatMap(person -> person != null
                ? handle(click, person.id, person.lead())
                : handle(click, agents.get(normalise(click.userId())), leads.contains(normalise(click.userId()))));
    }

    private Uni<Void> handle(SlackInteraction click, String agent, boolean lead) {
        if (agent == null) {
            Log.warnf("Slack %s by unmapped Slack user %s (%s) on task %s ignored", click.actionId(), click.userId(),
                    click.userName(), click.value());
            return ephemeral(click, "Your Slack account is not linked to an Earshot agent, so Earshot did "
                    + "nothing. Ask an Earshot admin to set your slackUserId (" + click.userId()
                    + ") in the user directory.");
        }
        long taskId;
        try {
            taskId = Long.parseLong(click.value());
        } catch (NumberFormatException e) {
            Log.warnf("Slack %s by %s (agent %s) names no task: value %s", click.actionId(), click.userId(), agent,
                    click.value());
            return ephemeral(click, "This button does not name an Earshot task.");
        }
        Caller caller = new Caller(agent, lead);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Log.infof("Slack %s by Slack user %s (agent %s%s) on task %d", click.actionId(), click.userId(), agent,
                caller.lead() ? ", lead" : "", taskId);
        Uni<String> acted = switch (click.actionId()) {
            case CLAIM -> workflow.claim(taskId, caller, Preconditions.NONE)
                    .replaceWith("Claimed by " + agent + " via Slack");
            case RESOLVE -> workflow.resolveFromChat(taskId, caller, "Slack")
                    .replaceWith("Resolved by " + agent + " via Slack");
            case SNOOZE -> {
                Instant until = now.plus(config.snoozeDuration());
                yield workflow.snooze(taskId, caller, Preconditions.NONE, until)
                        .replaceWith("Snoozed until " + until.truncatedTo(ChronoUnit.SECONDS) + " by " + agent
                                + " via Slack");
            }
            default -> Uni.createFrom().failure(new IllegalArgumentException("not an Earshot action"));
        };
        WebhookEventType type = RESOLVE.equals(click.actionId()) ? WebhookEventType.TASK_RESOLVED
                : WebhookEventType.TASK_CREATED;
        return acted.onItemOrFailure().transformToUni((note, failure) -> {
            if (failure == null) {
                Log.infof("Slack %s by Slack user %s (agent %s) on task %d done: %s", click.actionId(), click.userId(),
                        agent, taskId, note);
                return update(click, taskId, type, note).onFailure().recoverWithItem(e -> {
                    Log.errorf(e, "Slack message of task %d not updated after %s", taskId, click.actionId());
                    return null;
                });
            }
            if (isRefusal(failure)) {
                Log.infof("Slack %s by Slack user %s (agent %s) on task %d refused: %s", click.actionId(),
                        click.userId(), agent, taskId, failure.getMessage());
                return ephemeral(click, "Earshot did not " + verb(click.actionId()) + " task " + taskId + ": "
                        + failure.getMessage() + ".");
            }
            Log.errorf(failure, "Slack %s by Slack user %s (agent %s) on task %d failed", click.actionId(),
                    click.userId(), agent, taskId);
            return ephemeral(click, "Earshot could not " + verb(click.actionId()) + " task " + taskId
                    + " just now. Please try again, or use Earshot directly.");
        });
    }

    /** Re-renders the message from the task as it is now, with the note. */
    private Uni<Void> update(SlackInteraction click, long taskId, WebhookEventType type, String note) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withSession(() -> tasks.findById(taskId).flatMap(task -> mentions.latestOfTask(taskId)
                .map(latest -> outbox.snapshot(task, latest, null, now))))
                .map(snapshot -> new WebhookEvent(UUID.randomUUID().toString(), type.id(), now, snapshot, null))
                .flatMap(event -> reply(click, messages.slackUpdate(event, note)));
    }

    private Uni<Void> ephemeral(SlackInteraction click, String text) {
        ObjectNode body = mapper.createObjectNode();
        body.put("response_type", "ephemeral");
        body.put("replace_original", false);
        body.put("text", text);
        try {
            return reply(click, new OutgoingMessage(mapper.writeValueAsBytes(body),
                    Map.of("Content-Type", "application/json; charset=utf-8")));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException(e));
        }
    }

    private Uni<Void> reply(SlackInteraction click, OutgoingMessage message) {
        if (click.responseUrl() == null) {
            Log.warnf("Slack %s by Slack user %s came without a response_url; the message is not updated",
                    click.actionId(), click.userId());
            return Uni.createFrom().voidItem();
        }
        return sender.send(click.responseUrl(), message).invoke(result -> logReply(click, result)).replaceWithVoid();
    }

    private static void logReply(SlackInteraction click, SendResult result) {
        if (!result.success()) {
            Log.warnf("Slack response_url for %s by %s answered %s %s: %s", click.actionId(), click.userId(),
                    result.statusCode(), result.error() == null ? "" : result.error(),
                    result.body() == null ? "" : result.body());
        }
    }

    private static boolean isRefusal(Throwable e) {
        return e instanceof ConflictException || e instanceof ResourceNotFoundException
                || e instanceof ForbiddenException || e instanceof InvalidRequestException;
    }

    private static String verb(String actionId) {
        return switch (actionId) {
            case CLAIM -> "claim";
            case RESOLVE -> "resolve";
            default -> "snooze";
        };
    }

    private static String normalise(String slackId) {
        return slackId.trim().toUpperCase(Locale.ROOT);
    }
}
