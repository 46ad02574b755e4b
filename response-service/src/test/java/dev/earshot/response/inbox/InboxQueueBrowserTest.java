package dev.earshot.response.inbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.testing.DevJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The queue page in a real browser: team tabs, the source and intent filters, rows' source badge and reach, bulk
 * actions with a stale task among them, a bad query answered as a page, and the phone layout.
 */
@QuarkusTest
class InboxQueueBrowserTest extends InboxBrowser {

    /** A task of the legal team (the legal-threat intent routes there). */
    long legalTask() {
        ObjectNode n = scoredNode(0.6, -0.5);
        n.putArray("intents").add("legal-threat");
        return task(n);
    }

    /** A task from Reddit, an author with 12,400 followers. */
    long redditTask() {
        ObjectNode n = scoredNode(0.4, 0.0);
        ObjectNode mention = (ObjectNode) n.get("mention");
        mention.put("source", "reddit");
        ((ObjectNode) mention.get("author")).put("followers", 12_400L);
        return task(n);
    }

    @Test
    void teamTabsAndTheSourceAndIntentFiltersNarrowTheRows() throws IOException {
        long support = task(0.3, 0.1);
        long legal = legalTask();
        long reddit = redditTask();
        WebDriver d = signedIn(ANN);
        assertEquals(3, rowIds(d).size());
        screenshot(d, "inbox-1280");

        // the source badge and the reach on the row
        WebElement row = d.findElement(By.cssSelector("tr.task[data-id='" + reddit + "']"));
        assertEquals("Rd", row.findElement(By.cssSelector(".src")).getText());
        assertTrue(row.findElement(By.cssSelector(".reach")).getText().contains("12.4k followers"), row.getText());

        // a team's tab shows that team's tasks only
        d.findElement(By.linkText("Team legal")).click();
        wait(d).until(x -> rowIds(x).equals(List.of(legal)));
        assertEquals("page", d.findElement(By.linkText("Team legal")).getAttribute("aria-current"));
        d.findElement(By.linkText("All")).click();
        wait(d).until(x -> rowIds(x).size() == 3);

        // the source filter: one box checked, the rows narrow without a reload
        d.findElement(By.cssSelector("#filter-source summary")).click();
        d.findElement(By.cssSelector("#filter-source input[value='reddit']")).click();
        wait(d).until(x -> rowIds(x).equals(List.of(reddit)));
        assertTrue(d.getCurrentUrl().contains("source=reddit"), d.getCurrentUrl());
        d.findElement(By.cssSelector("#filter-source input[value='reddit']")).click();
        wait(d).until(x -> rowIds(x).size() == 3);

        // the intent filter: two boxes, either intent
        d.findElement(By.cssSelector("#filter-intent summary")).click();
        d.findElement(By.cssSelector("#filter-intent input[value='legal-threat']")).click();
        wait(d).until(x -> rowIds(x).equals(List.of(legal)));
        d.findElement(By.cssSelector("#filter-intent input[value='question']")).click();
        wait(d).until(x -> rowIds(x).size() == 3 || rowIds(x).size() == 2);
        assertTrue(rowIds(d).contains(legal));
        assertTrue(rowIds(d).contains(support), rowIds(d)::toString);
    }

    @Test
    void aBadQueryAnswersAReadablePage() throws IOException {
        WebDriver d = signedIn(ANN);
        d.get(url("/inbox?tab=x"));
        assertEquals("Bad request (400)", d.findElement(By.tagName("h1")).getText());
        assertTrue(d.findElement(By.id("error-message")).getText().contains("unknown query parameter tab"));
        Object status = ((JavascriptExecutor) d).executeAsyncScript(
                "const done = arguments[0]; fetch('/inbox?tier=P9').then(r => r.text().then(t => "
                        + "done(r.status + ' ' + r.headers.get('content-type') + ' ' + t.includes('tier P9'))))");
        assertEquals("400 text/html;charset=UTF-8 true", status);
    }

    @Test
    void aBulkDismissReportsTheStaleTaskAndDoesTheOther() throws IOException {
        long a = task(0.9, -0.8);
        long b = task(0.6, -0.4);
        WebDriver d = signedIn(LENA);
        List<Long> order = rowIds(d);
        assertEquals(List.of(a, b), order);
        // x checks the current row, j moves on
        keys(d, "x", "j", "x");
        wait(d).until(ExpectedConditions.textToBe(By.id("bulk-count"), "2 selected"));

        // someone notes on task b meanwhile: the live update redraws the rows and keeps both checked, b with the
        // version it showed when it was checked
        long before = ((Number) apiTask(b).get("version")).longValue();
        given().auth().oauth2(DevJwt.token("agent")).contentType(ContentType.JSON)
                .body(Map.of("text", "looking into it")).post("/api/v1/tasks/{id}/notes", b).then().statusCode(200);
        wait(d).until(x -> Long.parseLong(x.findElement(By.cssSelector("tr.task[data-id='" + b + "']"))
                .getAttribute("data-version")) > before);
        assertTrue(d.findElement(By.id("pick-" + b)).isSelected());
        assertEquals(b + ":" + before, d.findElement(By.id("pick-" + b)).getAttribute("value"));
        assertEquals("2 selected", d.findElement(By.id("bulk-count")).getText());

        new Select(d.findElement(By.id("bulk-reason"))).selectByVisibleText("spam");
        d.findElement(By.cssSelector("#bulk button[value='dismiss']")).click();
        WebElement result = wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("bulk-result")));
        assertEquals("Dismiss as spam: 1 of 2 done", result.getText());
        WebElement done = d.findElement(By.cssSelector("#outcomes tr[data-id='" + a + "']"));
        WebElement refused = d.findElement(By.cssSelector("#outcomes tr[data-id='" + b + "']"));
        assertTrue(done.getText().contains("done"), done.getText());
        assertTrue(refused.getText().contains("refused (412)"), refused.getText());
        assertTrue(refused.getText().contains("someone else changed this task"), refused.getText());
        screenshot(d, "bulk-result");
        assertEquals("dismissed", apiTask(a).get("status"));
        assertEquals("spam", apiTask(a).get("dismissReason"));
        assertEquals("open", apiTask(b).get("status"));

        d.findElement(By.id("back")).click();
        wait(d).until(x -> rowIds(x).equals(List.of(b)));
    }

    @Test
    void bulkAssignAndMoveTeamGoThroughTheWorkflow() throws IOException {
        long a = task(0.9, -0.8);
        long b = task(0.6, -0.4);
        WebDriver d = signedIn(LENA);
        d.findElement(By.id("pick-" + a)).click();
        d.findElement(By.id("pick-" + b)).click();
        new Select(d.findElement(By.id("bulk-assignee"))).selectByVisibleText(ANN);
        d.findElement(By.cssSelector("#bulk button[value='assign']")).click();
        wait(d).until(ExpectedConditions.textToBe(By.id("bulk-result"), "Assign to " + ANN + ": 2 of 2 done"));
        assertEquals(ANN, apiTask(a).get("assignee"));
        assertEquals(ANN, apiTask(b).get("assignee"));

        d.findElement(By.id("back")).click();
        wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("pick-" + a))).click();
        new Select(d.findElement(By.id("bulk-team"))).selectByVisibleText("sales");
        d.findElement(By.cssSelector("#bulk button[value='team']")).click();
        wait(d).until(ExpectedConditions.textToBe(By.id("bulk-result"), "Move to team sales: 1 of 1 done"));
        assertEquals("sales", apiTask(a).get("team"));
        assertEquals("support", apiTask(b).get("team"));
    }

    @Test
    void onAPhoneTheQueueIsCardsAndATaskCanBeOpenedAndClaimed() throws IOException {
        long id = task(0.9, -0.8);
        redditTask();
        WebDriver d = signIn(browser(390, 844), ANN);
        assertEquals(390L, ((JavascriptExecutor) d).executeScript("return window.innerWidth"));
        WebElement row = d.findElement(By.cssSelector("tr.task[data-id='" + id + "']"));
        assertEquals("grid", row.getCssValue("display"));
        assertEquals("1px", d.findElement(By.cssSelector("table.queue thead")).getCssValue("height"));
        // no sideways scrolling
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) d).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth"));
        screenshot(d, "inbox-phone");

        row.findElement(By.cssSelector(".excerpt a")).click();
        wait(d).until(ExpectedConditions.urlContains("/inbox/tasks/" + id));
        d.findElement(By.cssSelector("#claim button")).click();
        wait(d).until(ExpectedConditions.textToBe(By.id("assignee"), ANN));
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) d).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth"));
        screenshot(d, "task-phone");
        assertEquals(ANN, apiTask(id).get("assignee"));
    }
}
