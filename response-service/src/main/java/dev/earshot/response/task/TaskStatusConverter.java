package dev.earshot.response.task;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link TaskStatus} as the lower-case text of the {@code task.status} column. */
@Converter
public class TaskStatusConverter implements AttributeConverter<TaskStatus, String> {

    @Override
    public String convertToDatabaseColumn(TaskStatus status) {
        return status == null ? null : status.wire();
    }

    @Override
    public TaskStatus convertToEntityAttribute(String wire) {
        return TaskStatus.of(wire);
    }
}
