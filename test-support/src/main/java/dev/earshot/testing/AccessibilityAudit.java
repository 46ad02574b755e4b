package dev.earshot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

import org.openqa.selenium.WebDriver;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * An automated accessibility audit of what the browser shows: axe-core (Deque's, the engine of browsers' own
 * accessibility tooling, bundled in its Selenium jar, so nothing is downloaded) against WCAG 2.1 A and AA and axe's
 * best practices. Every violation fails the audit, whatever its impact; the report names each rule, its help text and
 * the elements, and is also written beside the screenshots as {@code target/inbox-screenshots/<name>-axe.txt}.
 */
public final class AccessibilityAudit {

    static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice");

    private AccessibilityAudit() {
    }

    /** Audits the page {@code browser} shows now; throws {@link AssertionError} listing every violation. */
    public static void check(WebDriver browser, String name) {
        Results results = new AxeBuilder().withTags(TAGS).analyze(browser);
        if (results.getError() != null || results.getErrorMessage() != null) {
            throw new AssertionError("axe could not audit " + name + ": " + results.getErrorMessage());
        }
        String report = report(results.getViolations());
        write(name, report.isEmpty() ? "no violations\n" : report);
        if (!report.isEmpty()) {
            throw new AssertionError("accessibility violations on " + name + " (" + results.getUrl() + "):\n" + report);
        }
    }

    static String report(List<Rule> violations) {
        return violations.stream().map(rule -> "- " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp()
                + "\n" + rule.getNodes().stream().map(AccessibilityAudit::node).collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
    }

    private static String node(CheckedNode node) {
        String html = node.getHtml() == null ? "" : node.getHtml();
        return "    " + node.getTarget() + " " + (html.length() > 160 ? html.substring(0, 160) + "…" : html)
                + (node.getFailureSummary() == null ? ""
                        : "\n      " + node.getFailureSummary().replace("\n", "\n      "));
    }

    private static void write(String name, String report) {
        try {
            Files.writeString(HeadlessChromium.output(name + "-axe.txt"), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
