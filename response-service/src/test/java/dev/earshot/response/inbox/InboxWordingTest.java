package dev.earshot.response.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.earshot.web.InvalidRequestException;

/** The inbox's small wordings and the bulk form's parsing, without a server. */
class InboxWordingTest {

    @Test
    void reachIsWordedShort() {
        assertEquals("950", InboxRow.count(950));
        assertEquals("5k", InboxRow.count(5000));
        assertEquals("12.4k", InboxRow.count(12_400));
        assertEquals("4.1M", InboxRow.count(4_100_000));
        assertEquals("2M", InboxRow.count(2_000_000));
    }

    @Test
    void driversAreWordedWithASignedWeight() {
        assertEquals("down \u22121.25", InboxTemplateExtensions.driverText("down:-1.25"));
        assertEquals("love +0.80", InboxTemplateExtensions.driverText("love:0.8"));
        assertEquals("down", InboxTemplateExtensions.driverText("down:"));
        assertEquals("odd:weight", InboxTemplateExtensions.driverText("odd:weight"));
        assertEquals("plain", InboxTemplateExtensions.driverText("plain"));
    }

    @Test
    void bulkTasksAreIdAndVersionEachOnceInOrder() {
        Map<Long, String> expected = new LinkedHashMap<>();
        expected.put(12L, "3");
        expected.put(7L, null);
        assertEquals(expected, BulkTasks.parse(List.of("12:3", "7", "12:4"), 10));
        assertEquals(List.of(12L, 7L), List.copyOf(BulkTasks.parse(List.of("12:3", "7"), 10).keySet()));
        assertThrows(InvalidRequestException.class, () -> BulkTasks.parse(List.of(), 10));
        assertThrows(InvalidRequestException.class, () -> BulkTasks.parse(null, 10));
        assertThrows(InvalidRequestException.class, () -> BulkTasks.parse(List.of("x:1"), 10));
        assertThrows(InvalidRequestException.class, () -> BulkTasks.parse(List.of("1:v2"), 10));
        assertThrows(InvalidRequestException.class, () -> BulkTasks.parse(Arrays.asList("1:1", "2:1", "3:1"), 2));
    }

    @Test
    void presenceLeavesTheReaderOut() {
        Presence p = Presence.of(5, "ann", "lena", List.of("ann", "lena", "omar"));
        assertEquals("lena", p.claimedByOther());
        assertEquals(List.of("lena", "omar"), p.othersViewing());
        assertEquals(null, Presence.of(5, "ann", "ann", List.of("ann")).claimedByOther());
        assertEquals(List.of(), Presence.of(5, "ann", null, List.of("ann")).othersViewing());
    }
}
