package dev.earshot.response.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.mutiny.sqlclient.Tuple;

class StoredTextTest {

    @Test
    void controlCharactersGoExceptTabLineFeedAndCarriageReturn() {
        assertEquals("ok", StoredText.clean("ok\u0000"));
        assertEquals("a\tb\r\nc", StoredText.clean("\u0001a\tb\r\n\u001bc\u007f\u0085\u009f"));
        assertNull(StoredText.clean(null));
        String clean = "Grüße \uD83D\uDE00 \u2028 \uFFFD";
        assertSame(clean, StoredText.clean(clean));
    }

    @Test
    void aLoneSurrogateBecomesTheReplacementCharacter() {
        assertEquals("a\uFFFDb", StoredText.clean("a\uD800b"));
        assertEquals("a\uFFFD", StoredText.clean("a\uDBFF"));
        assertEquals("\uFFFDx", StoredText.clean("\uDC00x"));
        assertEquals("\uFFFD\uD83D\uDE00", StoredText.clean("\uDE00\uD83D\uDE00"));
        assertEquals("\uD83D\uDE00\uFFFD", StoredText.clean("\uD83D\uDE00\u0000\uD83D"));
    }

    @Test
    void aTupleCleansStringsAndStringArraysAndKeepsTheRest() {
        Long[] ids = {1L, 2L};
        Tuple tuple = StoredText.tuple("a\u0000", null, 7, new String[] {"b\u0000", null}, ids);
        assertEquals("a", tuple.getString(0));
        assertNull(tuple.getValue(1));
        assertEquals(7, tuple.getInteger(2));
        assertArrayEquals(new String[] {"b", null}, (String[]) tuple.getValue(3));
        assertSame(ids, tuple.getValue(4));
        assertEquals("c", StoredText.tuple(List.of("\u0000c")).getString(0));
    }

    @Test
    void aJsonRowCleansStringsAndStringListsAndKeepsTheRest() {
        var row = StoredText.row("text", "a\u0000", "none", null, "n", 7, "list", List.of("b\u0000", "c"));
        assertEquals("a", row.get("text"));
        assertNull(row.get("none"));
        assertEquals(7, row.get("n"));
        assertEquals(List.of("b", "c"), row.get("list"));
        assertEquals("[{\"text\":\"\uFFFD\"}]", StoredText.rows(new ObjectMapper(),
                List.of(StoredText.row("text", "\uD800"))));
    }

    /** Statements on the reactive SQL client get their parameters from {@link StoredText#tuple} only. */
    @Test
    void noOtherCodeBuildsATuple() throws IOException {
        Pattern direct = Pattern.compile("\\bTuple\\s*\\.\\s*(of|from|tuple|wrap)\\s*\\(|new\\s+ArrayTuple\\b");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.endsWith(Path.of("dev/earshot/response/storage/StoredText.java")))
                    .filter(f -> {
                        try {
                            return direct.matcher(Files.readString(f)).find();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .map(Path::toString).toList();
            assertEquals(List.of(), offenders);
        }
    }
}
