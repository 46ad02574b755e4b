package dev.earshot.response.correction;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.common.Paging;
import dev.earshot.response.task.MentionEntity;
import dev.earshot.response.task.MentionRepository;
import dev.earshot.web.Page;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Corrections as labelled rows for training, oldest first, a bounded page at a time. */
@ApplicationScoped
public class CorrectionExport {

    private final CorrectionRepository corrections;
    private final MentionRepository mentions;

    public CorrectionExport(CorrectionRepository corrections, MentionRepository mentions) {
        this.corrections = corrections;
        this.mentions = mentions;
    }

    /** A page of rows after correction {@code after} (null: from the first); its cursor is the last row's id. */
    @WithSession
    public Uni<Page<CorrectionRow>> page(Long after, int limit) {
        return corrections.page(after == null ? 0 : after, limit + 1).flatMap(found -> {
            List<String> ids = found.stream().map(c -> c.mentionId).filter(id -> id != null).distinct().toList();
            Uni<List<MentionEntity>> posts = ids.isEmpty() ? Uni.createFrom().item(List.of())
                    : mentions.list("id in ?1", ids);
            return posts.map(list -> {
                Map<String, MentionEntity> byId = list.stream()
                        .collect(Collectors.toMap(m -> m.id, Function.identity()));
                return Paging.page(found, limit, c -> row(c, byId.get(c.mentionId)), last -> Long.toString(last.id));
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
