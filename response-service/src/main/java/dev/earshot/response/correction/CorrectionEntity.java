package dev.earshot.response.correction;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One field a person corrected on a task: the model's value, the value before, the new one; who, when. */
@Entity
@Table(name = "task_correction")
public class CorrectionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "task_id")
    public long taskId;

    /** The latest post of the conversation when corrected: the text the exported label goes with. */
    @Column(name = "mention_id")
    public String mentionId;

    /** tier, sentiment, intents, needsReply or spam. */
    public String field;

    /** What the model decided (the value before the first correction of this field). */
    @Column(name = "model_value")
    public String modelValue;

    @Column(name = "old_value")
    public String oldValue;

    @Column(name = "new_value")
    public String newValue;

    @Column(name = "corrected_by")
    public String correctedBy;

    @Column(name = "corrected_at")
    public Instant correctedAt;
}
