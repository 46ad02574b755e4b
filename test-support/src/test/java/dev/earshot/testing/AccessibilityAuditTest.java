package dev.earshot.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

/** The audit the inbox's browser tests run on every page they show finds what it is there to find. */
class AccessibilityAuditTest {

    private static WebDriver browser;

    @BeforeAll
    static void start() {
        browser = HeadlessChromium.start(HeadlessChromium.DESKTOP);
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPageWithoutLabelsAltTextOrContrastFails() {
        show("<main><h1>Queue</h1><input type=text name=q><img src='data:,'>"
                + "<p style='color:#bbb;background:#fff'>SLA breached</p><button></button></main>");
        AssertionError failure = assertThrows(AssertionError.class, () -> AccessibilityAudit.check(browser, "bad"));
        for (String rule : new String[] {"label", "image-alt", "color-contrast", "button-name"}) {
            assertTrue(failure.getMessage().contains("- " + rule + " "), rule + " not reported:\n" + failure.getMessage());
        }
    }

    @Test
    void aLabelledReadablePagePasses() {
        show("<header><a href='#q'>Skip</a></header><main><h1>Queue</h1><label for=q>Search</label>"
                + "<input id=q type=text name=q><img src='data:,' alt='Mastodon'>"
                + "<p style='color:#333;background:#fff'>SLA breached</p><button>Claim</button></main>");
        assertDoesNotThrow(() -> AccessibilityAudit.check(browser, "good"));
    }

    private static void show(String body) {
        browser.get("data:text/html;charset=utf-8," + URLEncoder.encode("<!doctype html><html lang=en><head>"
                + "<title>Audit</title></head><body>" + body + "</body></html>", StandardCharsets.UTF_8)
                .replace("+", "%20"));
    }
}
