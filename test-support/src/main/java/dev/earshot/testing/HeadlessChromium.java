package dev.earshot.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's {@code /usr/bin/chromedriver} named explicitly, so Selenium
 * never downloads a browser or a driver (scripts/infra.sh installs the chromium and chromium-driver packages).
 * Each browser gets its own profile directory: sessions of two browsers never share cookies.
 */
public final class HeadlessChromium {

    public static final String DESKTOP = "1280,900";
    public static final String PHONE = "390,844";

    private HeadlessChromium() {
    }

    /** A new browser with a window of {@code size} ("width,height"); the caller quits it. */
    public static WebDriver start(String size) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        try {
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=" + size,
                    "--user-data-dir=" + Files.createTempDirectory("earshot-chromium"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ChromeDriver(service, options);
    }

    /** Saves what the browser shows as {@code target/inbox-screenshots/<name>.png} of the running module. */
    public static Path screenshot(WebDriver browser, String name) {
        try {
            Path file = output(name + ".png");
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), file,
                    StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code target/inbox-screenshots/<fileName>} of the running module, the folder made: where review files go. */
    static Path output(String fileName) throws IOException {
        Path dir = Path.of("target", "inbox-screenshots");
        Files.createDirectories(dir);
        return dir.resolve(fileName);
    }
}
