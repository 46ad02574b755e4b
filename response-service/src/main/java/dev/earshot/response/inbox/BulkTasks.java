package dev.earshot.response.inbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.earshot.response.common.RequestContext;
import dev.earshot.web.InvalidRequestException;

/** The tasks of a bulk form: each checked box sends {@code id:version}, the version its row showed. */
final class BulkTasks {

    private BulkTasks() {
    }

    /** Task id to version, in the order sent, each task once; 400 when none, too many or malformed. */
    static Map<Long, String> parse(List<String> values, int max) {
        if (values == null || values.isEmpty()) {
            throw new InvalidRequestException("select at least one task (x or the row's checkbox)");
        }
        if (values.size() > max) {
            throw new InvalidRequestException("at most " + max + " tasks at once");
        }
        Map<Long, String> tasks = new LinkedHashMap<>();
        for (String value : values) {
            int colon = value.indexOf(':');
            String id = colon < 0 ? value : value.substring(0, colon);
            String version = colon < 0 ? null : value.substring(colon + 1).strip();
            if (version != null && !version.matches("\\d{1,18}")) {
                throw new InvalidRequestException("task " + id + ": the version must be a number");
            }
            tasks.putIfAbsent(RequestContext.id(id.strip(), "task"), version);
        }
        return tasks;
    }
}
