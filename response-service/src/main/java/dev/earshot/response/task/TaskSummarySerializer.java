package dev.earshot.response.task;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import dev.earshot.response.common.IsoInstant;

/**
 * Writes a {@link TaskSummary} exactly as Jackson's default record serialization does (same
 * properties, order, nulls and ISO-8601 instants), without reflection or a DateTimeFormatter per
 * instant: a queue page is 50 of them and JSON was the largest CPU cost of the listing (JFR).
 * TaskSummarySerializerTest compares both.
 */
public final class TaskSummarySerializer extends StdSerializer<TaskSummary> {

    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString CONVERSATION_ID = new SerializedString("conversationId");
    private static final SerializableString SOURCE = new SerializedString("source");
    private static final SerializableString TITLE = new SerializedString("title");
    private static final SerializableString PERMALINK = new SerializedString("permalink");
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString PRIORITY_SCORE = new SerializedString("priorityScore");
    private static final SerializableString TIER = new SerializedString("tier");
    private static final SerializableString PRIORITY_REASONS = new SerializedString("priorityReasons");
    private static final SerializableString SENTIMENT_LABEL = new SerializedString("sentimentLabel");
    private static final SerializableString MENTION_COUNT = new SerializedString("mentionCount");
    private static final SerializableString NEGATIVE_COUNT = new SerializedString("negativeCount");
    private static final SerializableString POSITIVE_COUNT = new SerializedString("positiveCount");
    private static final SerializableString FIRST_MENTION_AT = new SerializedString("firstMentionAt");
    private static final SerializableString LAST_MENTION_AT = new SerializedString("lastMentionAt");
    private static final SerializableString CREATED_AT = new SerializedString("createdAt");
    private static final SerializableString SLA_DUE_AT = new SerializedString("slaDueAt");
    private static final SerializableString SECONDS_TO_BREACH = new SerializedString("secondsToBreach");
    private static final SerializableString TEAM = new SerializedString("team");
    private static final SerializableString ASSIGNEE = new SerializedString("assignee");
    private static final SerializableString NEEDS_REPLY = new SerializedString("needsReply");
    private static final SerializableString INTENTS = new SerializedString("intents");
    private static final SerializableString AUTHOR_HANDLE = new SerializedString("authorHandle");
    private static final SerializableString SNOOZED_UNTIL = new SerializedString("snoozedUntil");
    private static final SerializableString VERSION = new SerializedString("version");
    private static final SerializableString INGEST_LAG_SECONDS = new SerializedString("ingestLagSeconds");
    private static final SerializableString EXCERPT = new SerializedString("excerpt");
    private static final SerializableString LANGUAGE = new SerializedString("language");
    private static final SerializableString VIEWERS = new SerializedString("viewers");

    private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[40]);

    public TaskSummarySerializer() {
        super(TaskSummary.class);
    }

    @Override
    public void serialize(TaskSummary t, JsonGenerator g, SerializerProvider provider) throws IOException {
        char[] buf = BUFFER.get();
        g.writeStartObject(t);
        g.writeFieldName(ID);
        g.writeNumber(t.id());
        string(g, CONVERSATION_ID, t.conversationId());
        string(g, SOURCE, t.source());
        string(g, TITLE, t.title());
        string(g, PERMALINK, t.permalink());
        string(g, STATUS, t.status());
        g.writeFieldName(PRIORITY_SCORE);
        g.writeNumber(t.priorityScore());
        string(g, TIER, t.tier());
        strings(g, PRIORITY_REASONS, t.priorityReasons());
        string(g, SENTIMENT_LABEL, t.sentimentLabel());
        g.writeFieldName(MENTION_COUNT);
        g.writeNumber(t.mentionCount());
        g.writeFieldName(NEGATIVE_COUNT);
        g.writeNumber(t.negativeCount());
        g.writeFieldName(POSITIVE_COUNT);
        g.writeNumber(t.positiveCount());
        instant(g, FIRST_MENTION_AT, t.firstMentionAt(), buf);
        instant(g, LAST_MENTION_AT, t.lastMentionAt(), buf);
        instant(g, CREATED_AT, t.createdAt(), buf);
        instant(g, SLA_DUE_AT, t.slaDueAt(), buf);
        g.writeFieldName(SECONDS_TO_BREACH);
        if (t.secondsToBreach() == null) {
            g.writeNull();
        } else {
            g.writeNumber(t.secondsToBreach().longValue());
        }
        string(g, TEAM, t.team());
        string(g, ASSIGNEE, t.assignee());
        g.writeFieldName(NEEDS_REPLY);
        g.writeBoolean(t.needsReply());
        strings(g, INTENTS, t.intents());
        string(g, AUTHOR_HANDLE, t.authorHandle());
        instant(g, SNOOZED_UNTIL, t.snoozedUntil(), buf);
        g.writeFieldName(VERSION);
        g.writeNumber(t.version());
        g.writeFieldName(INGEST_LAG_SECONDS);
        if (t.ingestLagSeconds() == null) {
            g.writeNull();
        } else {
            g.writeNumber(t.ingestLagSeconds().doubleValue());
        }
        string(g, EXCERPT, t.excerpt());
        string(g, LANGUAGE, t.language());
        strings(g, VIEWERS, t.viewers());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, SerializableString name, String value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private static void strings(JsonGenerator g, SerializableString name, List<String> values) throws IOException {
        g.writeFieldName(name);
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (String v : values) {
            if (v == null) {
                g.writeNull();
            } else {
                g.writeString(v);
            }
        }
        g.writeEndArray();
    }

    private static void instant(JsonGenerator g, SerializableString name, Instant value, char[] buf)
            throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(buf, 0, IsoInstant.format(value, buf));
        }
    }
}
