package dev.earshot.response.queue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.earshot.response.common.ApiInstant;
import dev.earshot.response.common.Paging;
import dev.earshot.response.task.TaskRepository.QueuePosition;

/** Opaque cursor: the queue position of the last task of a page, base64url encoded. */
public final class QueueCursor {

    private static final String VERSION = "v2";

    private QueueCursor() {
    }

    public static String encode(QueuePosition position) {
        String plain = VERSION + "|" + position.slaDueAt() + "|" + position.priorityScore() + "|" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static QueuePosition decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", -1);
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown cursor format");
            }
            double score = Double.parseDouble(parts[2]);
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("bad score");
            }
            return new QueuePosition(ApiInstant.parse(parts[1]), score, Long.parseLong(parts[3]));
        } catch (RuntimeException e) {
            throw Paging.invalidCursor();
        }
    }
}
