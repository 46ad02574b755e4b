package dev.earshot.sentiment.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Makes the written model files a function of the data and the parameters alone. Training is deterministic
 * (single-threaded L-BFGS), but an OpenNLP model archive also records when it was written: the archive entries'
 * times, a {@code Timestamp} and a date comment in its {@code manifest.properties}. These become one pinned
 * instant, {@code -Dearshot.training.trained-at} (the {@code sentiment.trained-at} property of the Maven profile),
 * which is also the metadata's {@code trainedAt} and the date in the model versions; without it, the current time.
 */
final class ModelFiles {

    static final String TRAINED_AT = "earshot.training.trained-at";
    private static final DateTimeFormatter MANIFEST_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ModelFiles() {
    }

    /** The instant the files are stamped with. */
    static Instant trainedAt() {
        String pinned = System.getProperty(TRAINED_AT);
        return pinned == null || pinned.isBlank() ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : Instant.parse(pinned);
    }

    /** The model archive with its times replaced by {@code at}; its content is unchanged. */
    static byte[] stamped(byte[] model, Instant at) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(model.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(model));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("manifest.properties")) {
                    content = stampedManifest(new String(content, StandardCharsets.ISO_8859_1), at)
                            .getBytes(StandardCharsets.ISO_8859_1);
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                // local date-time in UTC: no extra timestamp field, the same bytes in every time zone
                copy.setTimeLocal(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
                out.putNextEntry(copy);
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String stampedManifest(String manifest, Instant at) {
        StringBuilder out = new StringBuilder(manifest.length());
        for (String line : manifest.split("\n", -1)) {
            if (line.startsWith("Timestamp=")) {
                line = "Timestamp=" + at.toEpochMilli();
            } else if (line.startsWith("#") && line.length() > 1) {
                line = "#" + MANIFEST_DATE.format(at); // Properties.store's date comment
            }
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** Stamps committed model archives in place: {@code ModelFiles <instant> <file.bin>...}. */
    public static void main(String[] args) throws IOException {
        Instant at = Instant.parse(args[0]);
        for (int i = 1; i < args.length; i++) {
            Path file = Path.of(args[i]);
            Files.write(file, stamped(Files.readAllBytes(file), at));
        }
    }
}
