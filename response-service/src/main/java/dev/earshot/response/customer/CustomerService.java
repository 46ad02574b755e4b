package dev.earshot.response.customer;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.insight.Kpis;
import dev.earshot.response.queue.QueueService;
import dev.earshot.response.queue.TaskFilter;
import dev.earshot.response.task.MentionRepository;
import dev.earshot.response.task.MentionView;
import dev.earshot.response.task.TaskViews;
import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.ResourceNotFoundException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** One view of a customer: everything one author wrote on one source, and the tasks it made. */
@ApplicationScoped
public class CustomerService {

    private final MentionRepository mentions;
    private final QueueService tasks;

    public CustomerService(MentionRepository mentions, QueueService tasks) {
        this.mentions = mentions;
        this.tasks = tasks;
    }

    @WithSession
    public Uni<CustomerView> customer(String source, String author) {
        if (source == null || source.isBlank() || author == null || author.isBlank() || author.length() > 300) {
            return Uni.createFrom().failure(new InvalidRequestException("source and author are required"));
        }
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT count(*), count(DISTINCT task_id), min(created_at), max(created_at),
                       count(*) FILTER (WHERE sentiment_label = 'positive'),
                       count(*) FILTER (WHERE sentiment_label = 'negative'),
                       max(author_display_name), max(author_profile_url), max(author_followers)
                FROM mention WHERE source = :source
                  AND (lower(ltrim(author_handle, '@')) = lower(ltrim(:author, '@')) OR author_id = :author)
                """, Object[].class)
                .setParameter("source", source)
                .setParameter("author", author)
                .getSingleResult())
                .flatMap(row -> {
                    long posts = ((Number) row[0]).longValue();
                    if (posts == 0) {
                        return Uni.createFrom().failure(new ResourceNotFoundException(
                                "No posts of " + author + " on " + source));
                    }
                    return tasks.page(TaskFilter.ofAuthor(source, author), null, 200)
                            .flatMap(page -> mentions.byAuthor(source, author, 20)
                            .map(recent -> {
                                long positive = ((Number) row[4]).longValue();
                                long negative = ((Number) row[5]).longValue();
                                List<MentionView> views = recent.stream().map(TaskViews::mentionView).toList();
                                return new CustomerView(source, author, (String) row[6], (String) row[7],
                                        row[8] == null ? null : ((Number) row[8]).longValue(), posts,
                                        ((Number) row[1]).longValue(), Kpis.instant(row[2]), Kpis.instant(row[3]),
                                        positive, negative, Math.round((positive - negative) * 1000.0 / posts) / 10.0,
                                        page.items(), views);
                            }));
                });
    }
}
