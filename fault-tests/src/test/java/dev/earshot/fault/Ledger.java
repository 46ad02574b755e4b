package dev.earshot.fault;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every post the suite sends (pushed) or serves (polled), with the fault that was going on when it
 * was made, and what became of it. Each post's text starts with a marker {@code flt<run>x<seq>} so that
 * it is found in response-service's {@code mention} table whatever id the pipeline gives it.
 */
final class Ledger {

    enum Kind { PUSHED, POLLED, POISON }

    /** What the listener answered for a pushed post (polled posts are {@code SERVED}). */
    enum State { NEW, SERVED, ACCEPTED, REJECTED, GAVE_UP }

    static final class Post {
        final String marker;
        final long seq;
        final Kind kind;
        final String phase;
        final String conversation;
        final Instant madeAt = Instant.now();
        volatile State state;
        volatile String note;
        /** Whether it must end up stored exactly once: every normal post; poison only once accepted. */
        volatile boolean expected;

        Post(String marker, long seq, Kind kind, String phase, String conversation) {
            this.marker = marker;
            this.seq = seq;
            this.kind = kind;
            this.phase = phase;
            this.conversation = conversation;
            this.state = kind == Kind.POLLED ? State.SERVED : State.NEW;
            this.expected = kind != Kind.POISON;
        }
    }

    /** The figures of one fault. */
    record Figures(String phase, int posts, int lost, int duplicated, int notAccepted) {
    }

    final long run = Instant.now().getEpochSecond() % 100_000;
    private final Pattern markerPattern = Pattern.compile("flt" + run + "x(\\d+)");
    private final AtomicLong seq = new AtomicLong();
    private final Map<String, Post> posts = new ConcurrentHashMap<>();
    private final List<String> phases = new ArrayList<>();
    private volatile String phase;

    Ledger(String firstPhase) {
        phase(firstPhase);
    }

    /** From now on new posts belong to {@code name}. */
    synchronized void phase(String name) {
        phases.add(name);
        phase = name;
    }

    String phase() {
        return phase;
    }

    /** A new post; {@code root} is the conversation's first post, or null when this one starts it. */
    Post next(Kind kind, Post root) {
        long n = seq.incrementAndGet();
        String marker = "flt" + run + "x" + n;
        Post post = new Post(marker, n, kind, phase, root == null ? marker : root.conversation);
        posts.put(marker, post);
        return post;
    }

    /** The numeric id a polled post has on "Hacker News": unique per run and sequence number. */
    long objectId(Post post) {
        return 900_000_000_000L + run * 1_000_000L + post.seq;
    }

    Post byMarker(String marker) {
        return posts.get(marker);
    }

    /** The post a stored text, title or conversation id names, or null. */
    Post find(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = markerPattern.matcher(text);
        if (m.find()) {
            return posts.get(m.group());
        }
        Matcher numeric = Pattern.compile(":(\\d{12,})$").matcher(text);
        if (numeric.find()) {
            long id = Long.parseLong(numeric.group(1)) - 900_000_000_000L - run * 1_000_000L;
            return posts.get("flt" + run + "x" + id);
        }
        return null;
    }

    /** What response-service holds: how often each post is stored, and the duplicate tasks. */
    static final class Stored {
        final Map<String, Integer> copies = new HashMap<>();
        /** Conversation (root marker) to the ids of the tasks its posts landed in. */
        final Map<String, Set<Long>> tasksOfConversation = new HashMap<>();
        /** Per conversation: tasks without a post, and mentions counted more often than stored. */
        final Map<String, Integer> extraCounts = new HashMap<>();
        final List<String> unknownStored = new ArrayList<>();
    }

    Stored stored(String jdbcUrl) throws SQLException {
        Stored stored = new Stored();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "earshot", "earshot");
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(20);
            try (ResultSet rows = statement.executeQuery(
                    "SELECT m.task_id, left(m.text, 400), m.title, m.id FROM mention m")) {
                while (rows.next()) {
                    String text = rows.getString(2);
                    Post post = find(text);
                    if (post == null) {
                        post = find(rows.getString(3));
                    }
                    if (post == null) {
                        post = find(rows.getString(4));
                    }
                    if (post == null) {
                        stored.unknownStored.add(rows.getString(4));
                        continue;
                    }
                    stored.copies.merge(post.marker, 1, Integer::sum);
                    stored.tasksOfConversation.computeIfAbsent(post.conversation, c -> new HashSet<>())
                            .add(rows.getLong(1));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT t.conversation_id, t.mention_count,"
                    + " (SELECT count(*) FROM mention m WHERE m.task_id = t.id) FROM task t")) {
                while (rows.next()) {
                    Post root = find(rows.getString(1));
                    int counted = rows.getInt(2);
                    int actual = rows.getInt(3);
                    int extra = (actual == 0 ? 1 : 0) + Math.max(0, counted - actual);
                    if (extra > 0) {
                        stored.extraCounts.merge(root == null ? "?" + rows.getString(1) : root.conversation, extra,
                                Integer::sum);
                    }
                }
            }
        }
        return stored;
    }

    /** Posts of the current fault (or of every fault) that must be stored, made up to {@code until}, that are not stored. */
    int missing(Stored stored, Instant until, boolean everyFault) {
        String current = phase;
        int missing = 0;
        for (Post post : posts.values()) {
            if (post.expected && (everyFault || post.phase.equals(current)) && !post.madeAt.isAfter(until)
                    && !stored.copies.containsKey(post.marker)) {
                missing++;
            }
        }
        return missing;
    }

    /** Whether some post made after {@code after} is stored (the pipeline works end to end again). */
    boolean anyStoredAfter(Stored stored, Instant after) {
        for (Post post : posts.values()) {
            if (post.madeAt.isAfter(after) && stored.copies.containsKey(post.marker)) {
                return true;
            }
        }
        return false;
    }

    /** Lost and duplicated posts per fault, in the order the faults happened. */
    List<Figures> figures(Stored stored) {
        Map<String, int[]> byPhase = new LinkedHashMap<>();
        for (String name : phases) {
            byPhase.putIfAbsent(name, new int[4]);
        }
        for (Post post : posts.values()) {
            int[] f = byPhase.computeIfAbsent(post.phase, p -> new int[4]);
            if (!post.expected) {
                continue;
            }
            f[0]++;
            int copies = stored.copies.getOrDefault(post.marker, 0);
            if (copies == 0) {
                f[1]++;
                if (post.kind != Kind.POLLED && post.state != State.ACCEPTED) {
                    f[3]++;
                }
            }
            f[2] += Math.max(0, copies - 1);
        }
        stored.tasksOfConversation.forEach((conversation, tasks) -> {
            Post root = posts.get(conversation);
            if (root != null && tasks.size() > 1) {
                byPhase.get(root.phase)[2] += tasks.size() - 1;
            }
        });
        stored.extraCounts.forEach((conversation, extra) -> {
            Post root = posts.get(conversation);
            byPhase.computeIfAbsent(root == null ? "unknown conversations" : root.phase, p -> new int[4])[2] += extra;
        });
        List<Figures> figures = new ArrayList<>();
        byPhase.forEach((name, f) -> figures.add(new Figures(name, f[0], f[1], f[2], f[3])));
        return figures;
    }

    /** Up to {@code limit} lost posts of a phase, described, for the log. */
    List<String> lostExamples(Stored stored, String phaseName, int limit) {
        List<String> examples = new ArrayList<>();
        for (Post post : posts.values()) {
            if (examples.size() < limit && post.expected && post.phase.equals(phaseName)
                    && !stored.copies.containsKey(post.marker)) {
                examples.add(post.marker + " (" + post.kind.name().toLowerCase() + ", " + post.state.name().toLowerCase()
                        + (post.note == null ? "" : ": " + post.note) + ")");
            }
        }
        return examples;
    }
}
