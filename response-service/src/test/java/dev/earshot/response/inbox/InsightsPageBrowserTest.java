package dev.earshot.response.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.insight.TrendData;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Insights page in headless Chromium (as {@link InboxBrowserTest}, whose browser and sign-in it borrows) against
 * {@link TrendData}'s two days: charts drawn, tables with the figures, the range form, CSV exports, and an agent kept
 * out.
 */
@QuarkusTest
class InsightsPageBrowserTest {

    static final String D1 = TrendData.D1.toString();
    static final String D2 = TrendData.D2.toString();

    @TestHTTPResource("/")
    URL root;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TaskIngestion ingestion;

    @Inject
    ObjectMapper mapper;

    final InboxBrowserTest browsers = new InboxBrowserTest();

    @BeforeEach
    void seed() {
        browsers.root = root;
        TrendData.seed(dataSource, ingestion, mapper);
        // a spike alert the detector fired on D2, as its outbox keeps it (dispatched now: not purged yet)
        TestData.sql(dataSource, "INSERT INTO webhook_outbox (event_id, event_type, payload, created_at, dispatched_at) "
                + "VALUES (gen_random_uuid(), 'volume.spike', '{\"id\":\"e1\",\"type\":\"volume.spike\","
                + "\"occurredAt\":\"" + D2 + "T11:00:00Z\",\"spike\":{\"rule\":\"acme\",\"mentions\":40,"
                + "\"negativeMentions\":30,\"threshold\":12.5,\"reasons\":[\"volume\",\"negative share\"]}}', '"
                + D2 + " 11:00Z', now())");
        InboxPeople.removeAll(dataSource);
        InboxPeople.add(dataSource, InboxBrowserTest.ANN, "agent", InboxBrowserTest.PASSWORD, "support");
        InboxPeople.add(dataSource, InboxBrowserTest.LENA, "lead", InboxBrowserTest.PASSWORD, "support");
    }

    @AfterEach
    void close() {
        browsers.browsers.forEach(WebDriver::quit);
        InboxPeople.removeAll(dataSource);
        TestData.truncate(dataSource);
    }

    /** The figures of a chart's table: the header row, then one row per period. */
    static List<List<String>> table(WebDriver d, String chart) {
        WebElement table = d.findElement(By.cssSelector("table[data-chart='" + chart + "']"));
        return table.findElements(By.tagName("tr")).stream().map(tr -> tr.findElements(By.cssSelector("th, td"))
                .stream().map(c -> c.getAttribute("textContent").strip()).toList()).toList();
    }

    /** Fetches a URL in the page (its cookies, its origin): status, content type and body. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fetch(WebDriver d, String href) {
        return (Map<String, Object>) ((JavascriptExecutor) d).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.text().then(body => done({status: r.status,
                    type: r.headers.get('content-type'), body: body})));""", href);
    }

    @Test
    void aLeadSeesTheChartsTheirFiguresAndTheSameFiguresAsCsv() throws IOException {
        WebDriver d = browsers.signedIn(InboxBrowserTest.LENA);
        d.findElement(By.cssSelector("header nav a[href='/inbox/insights']")).click();
        InboxBrowserTest.wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("range")));
        d.get(browsers.url("/inbox/insights?from=" + D1 + "&to=" + D2));
        // every chart drawn (uPlot's canvas), each with its table
        List<WebElement> sections = d.findElements(By.cssSelector("section.chart"));
        assertEquals(11, sections.size());
        InboxBrowserTest.wait(d).until(x -> x.findElements(By.cssSelector("section.chart .plot canvas")).size() == 11);
        List<List<String>> median = table(d, "first-response-median");
        assertEquals(List.of("day", "All", "communications", "legal", "product", "sales", "support"), median.get(0));
        assertEquals(List.of(D1, "20", "–", "–", "–", "–", "20"), median.get(1));
        assertEquals(List.of(D2, "60", "–", "–", "60", "–", "–"), median.get(2));
        assertEquals(List.of("day", "acme", "outage"), table(d, "volume-by-rule").get(0));
        assertEquals(List.of(D1, "2", "1"), table(d, "volume-by-rule").get(1));
        assertEquals(List.of(List.of("day", "P1", "P2", "P3", "P4"), List.of(D1, "0", "1", "0", "0"),
                List.of(D2, "0", "2", "0", "0")), table(d, "backlog"));
        assertEquals("acme 40 12.5 30 volume, negative share",
                d.findElement(By.cssSelector("#spike-alerts tbody tr")).getText().replaceFirst("^\\S+ ", ""));
        d.manage().window().setSize(new Dimension(1280, 2600));
        InboxBrowserTest.screenshot(d, "insights");

        // the CSV link answers the figures of the table
        String href = d.findElement(By.cssSelector("#first-response-median a.csv")).getAttribute("href");
        Map<String, Object> csv = fetch(d, href);
        assertEquals(200L, ((Number) csv.get("status")).longValue());
        assertTrue(((String) csv.get("type")).startsWith("text/csv"), (String) csv.get("type"));
        assertEquals("period,All,communications,legal,product,sales,support\r\n" + D1 + ",20,,,,,20\r\n" + D2
                + ",60,,,60,,\r\n", csv.get("body"));

        // another range through the form: only D2's figures
        ((JavascriptExecutor) d).executeScript("document.getElementById('from').value = arguments[0];"
                + "document.getElementById('group').value = 'agent';", D2);
        d.findElement(By.cssSelector("#range button[type=submit]")).click();
        InboxBrowserTest.wait(d).until(ExpectedConditions.urlContains("from=" + D2));
        median = table(d, "first-response-median");
        assertEquals(List.of(List.of("day", "All", "ann"), List.of(D2, "60", "60")), median);
        href = d.findElement(By.cssSelector("#first-response-median a.csv")).getAttribute("href");
        assertTrue(d.findElement(By.id("spike-alerts")).getText().contains("acme"));
        assertEquals("period,All,ann\r\n" + D2 + ",60,60\r\n", fetch(d, href).get("body"));

        // a range before the spike: none listed
        d.get(browsers.url("/inbox/insights?from=" + D1 + "&to=" + D1));
        assertTrue(d.findElement(By.id("spike-alerts")).getText().contains("No spike alert in this range."));

        // a wrong range is said on the page
        d.get(browsers.url("/inbox/insights?from=" + D2 + "&to=" + D1));
        assertTrue(d.findElement(By.id("problem")).getText().contains("from must be on or before to"));
    }

    @Test
    void anAgentHasNoInsightsLinkAndGetsA403Page() throws IOException {
        WebDriver d = browsers.signedIn(InboxBrowserTest.ANN);
        assertTrue(d.findElements(By.cssSelector("a[href='/inbox/insights']")).isEmpty());
        d.get(browsers.url("/inbox/insights"));
        assertTrue(d.findElement(By.cssSelector("main .problem")).getText().contains("403"));
        assertEquals(403L, ((Number) fetch(d, "/inbox/insights").get("status")).longValue());
        Map<String, Object> csv = fetch(d, "/inbox/insights/backlog.csv");
        assertEquals(403L, ((Number) csv.get("status")).longValue());
        assertTrue(!((String) csv.get("body")).contains("P2"));
    }
}
