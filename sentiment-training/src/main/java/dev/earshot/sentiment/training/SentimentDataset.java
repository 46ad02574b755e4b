package dev.earshot.sentiment.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

import dev.earshot.sentiment.scoring.SentimentModel;

/**
 * The tweet training pool ({@code id TAB label TAB text}, header line first) split deterministically
 * in three:
 * <ul>
 * <li>{@code timeDev}: the most recent {@value #TIME_DEV_PERCENT} % of the rows by tweet id (ids grow
 * with time), the stand-in for posts written after the training data, which is how the product meets
 * them. Features, L2 and the decision rule are chosen on this split only.</li>
 * <li>{@code dev}: of the older rows, those whose CRC32 of the id modulo 100 is below
 * {@value #DEV_PERCENT}: a random split from the same period as training, reported beside the time
 * split (it flatters a model that fits the pool).</li>
 * <li>{@code train}: the rest.</li>
 * </ul>
 * Neither development split is trained on. No test set is read anywhere in this package.
 */
public record SentimentDataset(Path file, int rows, List<Row> train, List<Row> dev, List<Row> timeDev,
        long timeDevFromId) {

    public static final int DEV_PERCENT = 10;
    public static final int TIME_DEV_PERCENT = 15;
    public static final String DEV_SPLIT = "CRC32(id) % 100 < " + DEV_PERCENT + " of the older "
            + (100 - TIME_DEV_PERCENT) + " %";
    public static final String TIME_DEV_SPLIT = "most recent " + TIME_DEV_PERCENT + " % by tweet id";

    /** One labelled post, text as in the file (the normaliser cleans it later). */
    public record Row(String id, String label, String text) {
    }

    public static SentimentDataset read(Path file) throws IOException {
        List<Row> all = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t", 3);
            if (columns.length < 3 || !SentimentModel.LABELS.contains(columns[1])) {
                continue;
            }
            all.add(new Row(columns[0], columns[1], columns[2]));
        }
        long[] ids = all.stream().mapToLong(row -> Long.parseLong(row.id())).sorted().toArray();
        long from = ids[(int) ((long) ids.length * (100 - TIME_DEV_PERCENT) / 100)];
        List<Row> train = new ArrayList<>();
        List<Row> dev = new ArrayList<>();
        List<Row> timeDev = new ArrayList<>();
        for (Row row : all) {
            if (Long.parseLong(row.id()) >= from) {
                timeDev.add(row);
            } else {
                (isDev(row.id()) ? dev : train).add(row);
            }
        }
        return new SentimentDataset(file, all.size(), train, dev, timeDev, from);
    }

    /** Deterministic: the same id always falls in the same random split. */
    public static boolean isDev(String id) {
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 100 < DEV_PERCENT;
    }

    public String sha256() throws IOException {
        return sha256(file);
    }

    public static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
