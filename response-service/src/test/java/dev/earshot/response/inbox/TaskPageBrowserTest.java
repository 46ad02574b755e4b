package dev.earshot.response.inbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TestData;
import dev.earshot.testing.DevJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The task page in a real browser: assign, move team, dismiss and reopen, snooze by key, saved replies filled for the
 * task with their copy button, the customer view, drivers per post, who else is viewing, older posts.
 */
@QuarkusTest
class TaskPageBrowserTest extends InboxBrowser {

    WebDriver open(String who, long id) throws IOException {
        WebDriver d = signedIn(who);
        d.get(url("/inbox/tasks/" + id));
        wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("actions")));
        return d;
    }

    @Test
    void aLeadAssignsAndMovesTheTaskToAnotherTeam() throws IOException {
        long id = task(0.6, -0.4);
        WebDriver d = open(LENA, id);
        new Select(d.findElement(By.id("assignee-choice"))).selectByVisibleText(ANN);
        d.findElement(By.cssSelector("#assign button")).click();
        wait(d).until(ExpectedConditions.textToBe(By.id("assignee"), ANN));
        assertEquals(ANN, apiTask(id).get("assignee"));

        new Select(d.findElement(By.id("team-choice"))).selectByVisibleText("legal");
        d.findElement(By.cssSelector("#move button")).click();
        wait(d).until(ExpectedConditions.textToBe(By.id("team"), "legal"));
        assertEquals("legal", apiTask(id).get("team"));
        assertEquals("moved by " + LENA, apiTask(id).get("routingReason"));
    }

    @Test
    void anAgentCannotAssignSomeoneElseAndIsToldWhy() throws IOException {
        long id = task(0.6, -0.4);
        WebDriver d = open(ANN, id);
        // an agent is offered themselves only, and there is no team move for them
        assertEquals(1, new Select(d.findElement(By.id("assignee-choice"))).getOptions().size());
        assertTrue(d.findElements(By.id("move")).isEmpty());
        JavascriptExecutor js = (JavascriptExecutor) d;
        js.executeScript("document.querySelector('#assignee-choice option').value = arguments[0]", LENA);
        d.findElement(By.cssSelector("#assign button")).click();
        WebElement problem = wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("problem")));
        assertTrue(problem.getText().contains("only a lead or admin assigns others"), problem.getText());
        assertEquals(null, apiTask(id).get("assignee"));
    }

    @Test
    void dismissWithAReasonThenReopen() throws IOException {
        long id = task(0.6, -0.4);
        WebDriver d = open(LENA, id);
        assertTrue(d.findElements(By.id("reopen")).isEmpty());
        new Select(d.findElement(By.id("dismiss-reason"))).selectByVisibleText("irrelevant");
        d.findElement(By.cssSelector("#dismiss button")).click();
        wait(d).until(ExpectedConditions.textToBe(By.id("status"), "dismissed"));
        assertEquals("irrelevant", apiTask(id).get("dismissReason"));

        d.findElement(By.cssSelector("#reopen button")).click();
        wait(d).until(ExpectedConditions.textToBe(By.id("status"), "open"));
        assertEquals("open", apiTask(id).get("status"));
    }

    @Test
    void sSnoozes() throws IOException {
        long id = task(0.6, -0.4);
        WebDriver d = open(ANN, id);
        new Select(d.findElement(By.id("until"))).selectByVisibleText("4 hours");
        d.findElement(By.tagName("h1")).click();
        keys(d, "s");
        wait(d).until(ExpectedConditions.textToBe(By.id("status"), "snoozed"));
        assertEquals("snoozed", apiTask(id).get("status"));
        assertTrue(apiTask(id).get("snoozedUntil") != null);
    }

    @Test
    void savedRepliesAreFilledForTheTaskAndCopiedWithOneClick() throws IOException {
        long id = task(0.6, -0.4);
        given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON)
                .body(Map.of("team", "support", "name", "outage-apology",
                        "body", "Hi {author}, sorry for the trouble: we are on it. {agent}"))
                .post("/api/v1/saved-replies").then().statusCode(201);
        given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON)
                .body(Map.of("team", "legal", "name", "not-ours", "body", "Another team's reply"))
                .post("/api/v1/saved-replies").then().statusCode(201);
        WebDriver d = open(ANN, id);
        WebElement filled = d.findElement(By.cssSelector(".saved-reply textarea.filled"));
        assertEquals("Hi carol, sorry for the trouble: we are on it. " + ANN, filled.getAttribute("value"));
        assertEquals(1, d.findElements(By.cssSelector(".saved-reply")).size());
        WebElement copy = d.findElement(By.cssSelector(".saved-reply button.copy"));
        assertEquals("Copy outage-apology", copy.getAttribute("textContent").strip());
        copy.click();
        wait(d).until(x -> !x.findElement(By.cssSelector(".saved-reply .copied")).getText().isEmpty());
        d.findElement(By.cssSelector(".saved-reply button.use")).click();
        assertEquals(filled.getAttribute("value"), d.findElement(By.id("reply-text")).getAttribute("value"));
    }

    @Test
    void theCustomerViewDriversAndWhoElseIsViewing() throws IOException {
        ObjectNode scored = scoredNode(0.6, -0.6);
        ((ObjectNode) scored.get("sentiment")).putArray("drivers").addObject().put("token", "down").put("weight", -1.25);
        long id = task(scored);
        long other = task(0.3, 0.1);
        WebDriver ann = open(ANN, id);
        WebDriver lena = open(LENA, id);
        assertTrue(lena.findElement(By.id("viewing-warning")).getText().contains(ANN),
                lena.findElement(By.id("presence")).getText());
        // Ann's page learns of Lena from its presence poll, without a reload
        wait(ann).withTimeout(java.time.Duration.ofSeconds(25)).until(ExpectedConditions
                .textToBePresentInElementLocated(By.id("presence"), LENA));
        keys(lena, "c");
        wait(ann).withTimeout(java.time.Duration.ofSeconds(25)).until(ExpectedConditions
                .presenceOfElementLocated(By.id("claimed-warning")));
        assertTrue(ann.findElement(By.id("claimed-warning")).getText().contains("Claimed by " + LENA));

        ann.navigate().refresh();
        assertEquals("why negative: down \u22121.25", ann.findElement(By.cssSelector("#posts .drivers")).getText());
        WebElement others = ann.findElement(By.id("other-tasks"));
        assertTrue(others.findElement(By.cssSelector("a[href='/inbox/tasks/" + other + "']")).isDisplayed());
        assertFalse(others.getText().contains("/inbox/tasks/" + id));
        assertTrue(ann.findElement(By.id("customer-facts")).getText().startsWith("2 posts in 2 conversations"));
        assertEquals("Conversation (1 post, oldest first)", ann.findElement(By.id("conversation")).getText());
        screenshot(ann, "task-1280");
    }

    @Test
    void olderPostsArePaged() throws IOException {
        String conversation = TestData.conversation();
        long id = 0;
        for (int i = 0; i < 23; i++) {
            ObjectNode n = TestData.scoredNode(TestData.mentionId(), conversation, 0.5, -0.3, 100L);
            ((ObjectNode) n.get("mention")).put("text", "post number " + i);
            ((ObjectNode) n.get("mention")).put("createdAt", java.time.Instant.now().minusSeconds(600 - i).toString());
            Ingest.record(ingestion, mapper, n);
        }
        id = TestData.taskId(dataSource, conversation);
        WebDriver d = open(ANN, id);
        assertEquals(20, d.findElements(By.cssSelector("#posts li.post")).size());
        assertTrue(d.findElement(By.cssSelector("#posts li.post")).getText().contains("post number 3"));
        d.findElement(By.id("older")).click();
        wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("older-posts")));
        var older = d.findElements(By.cssSelector("#older-posts li.post"));
        assertEquals(3, older.size());
        assertTrue(older.get(0).getText().contains("post number 0"), older.get(0).getText());
        assertTrue(older.get(2).getText().contains("post number 2"), older.get(2).getText());
        assertTrue(d.findElements(By.id("older")).isEmpty());
    }

    /** Controls without an accessible name: a label, aria-label or aria-labelledby, or a button's own text. */
    static List<?> unlabelled(WebDriver d) {
        return (List<?>) ((JavascriptExecutor) d).executeScript("""
                return Array.from(document.querySelectorAll('input, select, textarea, button, summary'))
                  .filter(e => e.type !== 'hidden')
                  .filter(e => !((e.labels && e.labels.length) || e.getAttribute('aria-label')
                      || e.getAttribute('aria-labelledby')
                      || ((e.tagName === 'BUTTON' || e.tagName === 'SUMMARY') && e.textContent.trim())))
                  .map(e => e.outerHTML.slice(0, 120));""");
    }

    @Test
    void everyControlIsLabelled() throws IOException {
        long id = task(0.6, -0.4);
        given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON)
                .body(Map.of("team", "support", "name", "thanks", "body", "Thanks {author}"))
                .post("/api/v1/saved-replies").then().statusCode(201);
        WebDriver d = signedIn(LENA);
        assertEquals(List.of(), unlabelled(d));
        d.get(url("/inbox/tasks/" + id));
        wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("actions")));
        assertEquals(List.of(), unlabelled(d));
        // the skip link leads the focus order, then the header, then the page's own controls
        keys(d, org.openqa.selenium.Keys.TAB);
        assertEquals("Skip to content", d.switchTo().activeElement().getText());
    }
}
