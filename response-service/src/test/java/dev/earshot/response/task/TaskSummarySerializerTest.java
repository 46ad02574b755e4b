package dev.earshot.response.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.earshot.response.queue.TaskPage;

/** The hand-written serializer writes byte for byte what Jackson's record serialization writes. */
class TaskSummarySerializerTest {

    @JsonSerialize(using = JsonSerializer.None.class)
    private interface Default {
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    private static void same(TaskSummary task) throws Exception {
        ObjectMapper fast = mapper();
        ObjectMapper reflective = mapper().addMixIn(TaskSummary.class, Default.class);
        String expected = reflective.writeValueAsString(new TaskPage(List.of(task, task), "c"));
        assertEquals(expected, fast.writeValueAsString(new TaskPage(List.of(task, task), "c")));
        assertEquals(task, fast.readValue(fast.writeValueAsString(task), TaskSummary.class));
    }

    @Test
    void everyFieldSet() throws Exception {
        same(new TaskSummary(42, "hn:1", "hackernews", "Acme is \"down\" \u00e9\n", "https://x.example/1?a=b&c",
                "claimed", 87.25, "P1", List.of("urgent", "reach 10k"), "negative", 3, 2, 1,
                Instant.parse("2026-11-25T10:00:00.123456Z"), Instant.parse("2026-11-25T11:00:00Z"),
                Instant.parse("2026-11-25T10:00:00.5Z"), Instant.parse("2026-11-25T11:00:00.000001Z"), -3600L,
                "support", "ann@acme.example", true, List.of("outage"), "user1",
                Instant.parse("2026-12-01T00:00:00Z"), 7, 2400.5, "Acme ist \"down\"", "de", List.of("ann", "eli")));
    }

    @Test
    void nullsAndEmptyLists() throws Exception {
        same(new TaskSummary(1, "c", "reddit", null, null, "open", 0.1, "P4", List.of(), null, 0, 0, 0,
                Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null, "sales", null, false, List.of(),
                null, null, 1, null, null, null, List.of()));
    }
}
