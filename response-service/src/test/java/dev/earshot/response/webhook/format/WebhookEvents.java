package dev.earshot.response.webhook.format;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.earshot.response.webhook.WebhookEvent.SpikeExample;
import dev.earshot.response.webhook.WebhookEvent.SpikeSnapshot;
import dev.earshot.response.webhook.WebhookEvent.TaskSnapshot;
import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookEventType;

/** Events for the format tests: an ordinary task, a hostile one, a resolved one and a spike. */
final class WebhookEvents {

    static final Instant NOW = Instant.parse("2026-11-25T18:00:00.123456Z");
    static final String EVENT_ID = "0b7a3c1e-5d2f-4c1a-9e8b-1f2a3b4c5d6e";
    static final String PERMALINK = "https://social.example/@dana/post/981";
    static final String TASK_URL = "https://earshot.example/tasks/42";

    private WebhookEvents() {
    }

    /** Like Quarkus's ObjectMapper: java.time as ISO-8601 strings. */
    static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    static TaskSnapshot task() {
        return new TaskSnapshot(42, "P1", null, 0.91, List.of("negative sentiment", "complaint", "author reach 12.3k"),
                "open", "support", "mastodon", "Checkout is broken again", PERMALINK, TASK_URL, "dana", 12_345L,
                "Third time this week your checkout fails at payment. Fix it or I'm leaving.", "negative", -0.82,
                List.of("complaint", "churn_risk"), List.of("brand"), 3, true, NOW.plusSeconds(720), 720L, "alice",
                null, null);
    }

    static WebhookEvent taskEvent(WebhookEventType type) {
        return taskEvent(type, task());
    }

    static WebhookEvent taskEvent(WebhookEventType type, TaskSnapshot task) {
        return new WebhookEvent(EVENT_ID, type.id(), NOW, task, null);
    }

    static TaskSnapshot resolvedTask() {
        return new TaskSnapshot(42, "P2", null, 0.7, List.of("complaint"), "resolved", "support", "mastodon",
                "Checkout is broken again", PERMALINK, null, "dana", 800L, "Payment fails.", "negative", -0.5,
                List.of("complaint"), List.of("brand"), 3, false, NOW.minusSeconds(60), null, "alice",
                "https://social.example/@brand/post/982", "alice");
    }

    /** Text built to break things: markdown, mentions, HTML, emoji and surrogate pairs everywhere. */
    static final String HOSTILE_CHUNK = "@everyone @here <@&123> <!channel> <b>bold</b> *star* _under_ `code` "
            + "[link](https://evil.example) & 😀👩‍💻 ||spoiler|| ~strike~ # heading\n> quote <users/all> ";

    static String hostile(int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(HOSTILE_CHUNK).append("😀");
        }
        return text.toString();
    }

    static TaskSnapshot hostileTask() {
        List<String> reasons = IntStream.range(0, 40).mapToObj(i -> "reason " + i + " " + hostile(120)).toList();
        List<String> intents = IntStream.range(0, 30).mapToObj(i -> "intent_" + i + "_" + hostile(40)).toList();
        return new TaskSnapshot(7, "P1", "P3", 0.99, reasons, "open", hostile(300), hostile(200), hostile(1_000),
                PERMALINK + "?q=<x>&y=1", TASK_URL, hostile(300), 9_876_543L, hostile(10_000), "negative", -1.0,
                intents, List.of(hostile(100)), 999, true, NOW.minusSeconds(300), -300L, hostile(200), null, null);
    }

    static SpikeSnapshot spike() {
        return new SpikeSnapshot("brand", NOW.minus(15, ChronoUnit.MINUTES), NOW, 84, 51, 51.0 / 84, 12.5, 4.1, 24.8,
                0.18, List.of("volume", "negative share"),
                List.of(new SpikeExample(PERMALINK, "dana", "Checkout broken again", "negative"),
                        new SpikeExample("https://social.example/@eve/post/1", "eve", "Same here, payment fails",
                                "negative"),
                        new SpikeExample("https://social.example/@finn/post/2", "finn", "Anyone else?", "neutral")));
    }

    static WebhookEvent spikeEvent() {
        return new WebhookEvent(EVENT_ID, WebhookEventType.VOLUME_SPIKE.id(), NOW, null, spike());
    }

    static WebhookEvent hostileSpikeEvent() {
        List<SpikeExample> examples = IntStream.range(0, 3)
                .mapToObj(i -> new SpikeExample(PERMALINK, hostile(300), hostile(10_000), "negative")).toList();
        SpikeSnapshot spike = new SpikeSnapshot(hostile(500), NOW.minusSeconds(900), NOW, 1_000_000, 999_999, 0.999999,
                12.5, 4.1, 24.8, 0.18, IntStream.range(0, 40).mapToObj(i -> hostile(100)).collect(Collectors.toList()),
                examples);
        return new WebhookEvent(EVENT_ID, WebhookEventType.VOLUME_SPIKE.id(), NOW, null, spike);
    }
}
