package dev.earshot.response.correction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.common.Caller;
import dev.earshot.response.common.ConflictException;
import dev.earshot.response.common.Preconditions;
import dev.earshot.response.common.WriteResult;
import dev.earshot.response.task.MentionEntity;
import dev.earshot.response.task.MentionRepository;
import dev.earshot.response.task.PriorityCalculator;
import dev.earshot.response.task.TaskDetail;
import dev.earshot.response.task.TaskEntity;
import dev.earshot.response.task.TaskStatus;
import dev.earshot.response.task.Tier;
import dev.earshot.response.workflow.WorkflowTransaction;
import dev.earshot.web.InvalidRequestException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * A person corrects what the model decided, in one {@link WorkflowTransaction} (If-Match, Idempotency-Key, the
 * audit entry "corrected"): each named field is recorded (model value, value before, new value, who, when, the
 * latest post), applied at once, and marked corrected on the task, so later posts do not recompute it
 * ({@code TaskEntity.isCorrected}, respected by the ingestion). Naming a field with its current value confirms it:
 * recorded and kept as well.
 */
@ApplicationScoped
public class Corrections {

    private final WorkflowTransaction transaction;
    private final CorrectionRepository corrections;
    private final MentionRepository mentions;
    private final PriorityCalculator priorities;

    public Corrections(WorkflowTransaction transaction, CorrectionRepository corrections, MentionRepository mentions,
            PriorityCalculator priorities) {
        this.transaction = transaction;
        this.corrections = corrections;
        this.mentions = mentions;
        this.priorities = priorities;
    }

    @WithTransaction
    public Uni<WriteResult<TaskDetail>> correct(long id, Caller caller, Preconditions pre, CorrectionRequest r) {
        if (r.isEmpty()) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    "name at least one of tier, sentiment, intents, needsReply, spam"));
        }
        return transaction.run(id, caller, pre, (task, now) -> corrections.firstOfEachField(task.id)
                .flatMap(firsts -> mentions.latestOfTask(task.id).flatMap(latest -> {
                    Map<String, String> model = new HashMap<>();
                    firsts.forEach(c -> model.put(c.field, c.modelValue));
                    List<CorrectionEntity> made = new ArrayList<>();
                    apply(task, r, caller, now, (field, before, after) -> {
                        CorrectionEntity c = new CorrectionEntity();
                        c.taskId = task.id;
                        c.mentionId = latest == null ? null : latest.id;
                        c.field = field;
                        c.modelValue = model.containsKey(field) ? model.get(field) : before;
                        c.oldValue = before;
                        c.newValue = after;
                        c.correctedBy = caller.name();
                        c.correctedAt = now;
                        made.add(c);
                        task.markCorrected(field);
                    });
                    String detail = String.join("; ", made.stream()
                            .map(c -> c.field + " " + (c.newValue.equals(c.oldValue) ? c.newValue + " (confirmed)"
                                    : c.oldValue + " -> " + c.newValue)).toList());
                    return corrections.persist(made)
                            .replaceWith(new WorkflowTransaction.Change("corrected", detail));
                })));
    }

    @FunctionalInterface
    private interface Recorder {
        void record(String field, String before, String after);
    }

    private void apply(TaskEntity task, CorrectionRequest r, Caller caller, Instant now, Recorder recorder) {
        if (r.spam() != null) {
            boolean wasSpam = task.status == TaskStatus.DISMISSED && "spam".equals(task.dismissReason);
            if (r.spam() && task.status.isActive()) {
                if (task.assignee != null && !task.assignee.equals(caller.name()) && !caller.lead()) {
                    throw new ConflictException("task " + task.id + " is claimed by " + task.assignee);
                }
                task.dismiss("spam", null, now);
            } else if (!r.spam() && wasSpam) {
                task.reopen(now, priorities.sla(Tier.valueOf(r.tier() != null ? r.tier() : task.tier)));
            }
            recorder.record("spam", String.valueOf(wasSpam), String.valueOf(r.spam()));
        }
        if (r.tier() != null) {
            String before = task.tier;
            task.tier = r.tier();
            task.slaDueAt = task.slaStartedAt.plus(priorities.sla(Tier.valueOf(r.tier())));
            recorder.record("tier", before, r.tier());
        }
        if (r.sentiment() != null) {
            String before = task.sentimentLabel;
            task.sentimentLabel = r.sentiment();
            recorder.record("sentiment", before, r.sentiment());
        }
        if (r.intents() != null) {
            String before = String.join(",", task.intents == null ? List.of() : task.intents);
            task.intents = List.copyOf(r.intents().stream().distinct().toList());
            recorder.record("intents", before, String.join(",", task.intents));
        }
        if (r.needsReply() != null) {
            boolean before = task.needsReply;
            task.needsReply = r.needsReply();
            recorder.record("needsReply", String.valueOf(before), String.valueOf(r.needsReply()));
        }
    }

    /** The model's label of a post for a field, when the post carries one (the export's modelLabel). */
    static String postLabel(MentionEntity post, String field) {
        if (post == null) {
            return null;
        }
        return switch (field) {
            case "sentiment" -> post.sentimentLabel;
            case "intents" -> post.intents == null ? null : String.join(",", post.intents);
            case "needsReply" -> post.needsReply == null ? null : String.valueOf(post.needsReply);
            default -> null;
        };
    }
}
