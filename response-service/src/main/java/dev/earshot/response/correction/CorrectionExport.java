package dev.earshot.response.correction;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.task.MentionEntity;
import dev.earshot.response.task.MentionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Corrections as labelled rows for training, oldest first, a bounded page at a time. */
@ApplicationScoped
public class CorrectionExport {

    /** A page of rows; {@code next} is the cursor of the next page, null on the last. */
    public record Page(List<CorrectionRow> rows, Long next) {
    }

    private final CorrectionRepository corrections;
    private final MentionRepository mentions;

    public CorrectionExport(CorrectionRepository corrections, MentionRepository mentions) {
        this.corrections = corrections;
        this.mentions = mentions;
    }

    @WithSession
    public Uni<Page> page(long after, int limit) {
        return corrections.page(after, limit + 1).flatMap(found -> {
            boolean more = found.size() > limit;
            List<CorrectionEntity> page = more ? found.subList(0, limit) : found;
            List<String> ids = page.stream().map(c -> c.mentionId).filter(id -> id != null).distinct().toList();
            Uni<List<MentionEntity>> posts = ids.isEmpty() ? Uni.createFrom().item(List.of())
                    : mentions.list("id in ?1", ids);
            return posts.map(list -> {
                Map<String, MentionEntity> byId = list.stream()
                        .collect(Collectors.toMap(m -> m.id, Function.identity()));
                List<CorrectionRow> rows = page.stream().map(c -> row(c, byId.get(c.mentionId))).toList();
                return new Page(rows, more ? page.get(limit - 1).id : null);
            });
        });
    }

    private static CorrectionRow row(CorrectionEntity c, MentionEntity post) {
        return new CorrectionRow(c.id, c.taskId, c.field, post == null ? null : post.source,
                post == null ? null : post.language, post == null ? null : post.title, post == null ? null : post.text,
                Corrections.postLabel(post, c.field), c.modelValue, c.oldValue, c.newValue, c.correctedBy,
                c.correctedAt);
    }
}
