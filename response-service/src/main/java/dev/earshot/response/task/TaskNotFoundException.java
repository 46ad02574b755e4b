package dev.earshot.response.task;

import dev.earshot.web.ResourceNotFoundException;

/** No task with this id (answered 404). */
public class TaskNotFoundException extends ResourceNotFoundException {

    public TaskNotFoundException(long id) {
        super("No task with id " + id);
    }
}
