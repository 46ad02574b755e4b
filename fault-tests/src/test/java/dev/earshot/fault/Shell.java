package dev.earshot.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end and hands back its exit code and output. */
final class Shell {

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Shell() {
    }

    static Result run(long timeoutSeconds, String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** Runs {@code command} and fails with its output when it does not exit with 0. */
    static String check(long timeoutSeconds, String... command) {
        Result result = run(timeoutSeconds, command);
        if (!result.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + result.exitCode() + ":\n"
                    + result.output());
        }
        return result.output();
    }

    /** Starts a long-running command with its output appended to {@code log}. */
    static Process spawn(Path log, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A directory under {@code preferred} owned by the system {@code user}, or, where that user cannot
     * reach it (a clone under a private home directory), a fresh one under the temporary directory.
     */
    static Path directoryFor(String user, Path preferred) {
        try {
            java.nio.file.Files.createDirectories(preferred);
            check(30, "chown", "-R", user + ":", preferred.toString());
            if (run(10, "runuser", "-u", user, "--", "test", "-w", preferred.toString()).ok()) {
                return preferred.toAbsolutePath();
            }
            Path elsewhere = java.nio.file.Files.createTempDirectory("earshot-fault-" + user + "-");
            check(10, "chmod", "755", elsewhere.toString());
            check(10, "chown", user + ":", elsewhere.toString());
            return elsewhere;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
