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
 * The tweet training pool ({@code id TAB label TAB text}, header line first) split deterministically:
 * a row is in the development split when CRC32 of its id modulo 100 is below {@value #DEV_PERCENT}.
 * The development split is never trained on. No test set is read anywhere in this package.
 */
public record SentimentDataset(Path file, int rows, List<Row> train, List<Row> dev) {

    public static final int DEV_PERCENT = 10;
    public static final String DEV_SPLIT = "CRC32(id) % 100 < " + DEV_PERCENT;

    /** One labelled post, text as in the file (the normaliser cleans it later). */
    public record Row(String id, String label, String text) {
    }

    public static SentimentDataset read(Path file) throws IOException {
        List<Row> train = new ArrayList<>();
        List<Row> dev = new ArrayList<>();
        int rows = 0;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t", 3);
            if (columns.length < 3 || !SentimentModel.LABELS.contains(columns[1])) {
                continue;
            }
            rows++;
            Row row = new Row(columns[0], columns[1], columns[2]);
            (isDev(columns[0]) ? dev : train).add(row);
        }
        return new SentimentDataset(file, rows, train, dev);
    }

    /** Deterministic: the same id always falls in the same split. */
    public static boolean isDev(String id) {
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 100 < DEV_PERCENT;
    }

    public String sha256() throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
