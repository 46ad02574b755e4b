package dev.earshot.response.inbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.earshot.testing.DevJwt;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The inbox in a real browser (see {@link InboxBrowser}): sign-in, the keyboard path through a task, live updates, a
 * stale write and the CSRF check. Screenshots of each page land in target/inbox-screenshots.
 */
@QuarkusTest
class InboxBrowserTest extends InboxBrowser {

    @Test
    void withoutSignInTheInboxSendsToTheLoginPageAndTheApiStaysOnTokens() throws IOException {
        WebDriver d = browser();
        d.get(url("/inbox"));
        wait(d).until(ExpectedConditions.urlContains("/inbox/login"));
        assertTrue(d.findElement(By.id("password")).isDisplayed());
        screenshot(d, "login");
        given().get("/api/v1/tasks").then().statusCode(401);
        d.get(url("/api/v1/tasks"));
        assertTrue(d.getPageSource().contains("a valid bearer token is required"), d.getPageSource());
    }

    @Test
    void questionMarkOrTheHeaderButtonShowsTheKeysAndEscapeClosesThem() throws IOException {
        task(0.6, -0.4);
        WebDriver d = signedIn(ANN);
        keys(d, "?");
        WebElement help = wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.id("help")));
        assertTrue(help.getText().contains("resolve and open the next task"), help.getText());
        // the open dialog is audited too: a modal that traps focus without a name would fail here
        screenshot(d, "keyboard-help");
        keys(d, Keys.ESCAPE);
        wait(d).until(ExpectedConditions.invisibilityOfElementLocated(By.id("help")));
        keys(d, "j");
        wait(d).until(ExpectedConditions.attributeContains(By.cssSelector("tr.task"), "class", "selected"));
        // and for the mouse: the header's button
        d.findElement(By.cssSelector("header .keys-help")).click();
        wait(d).until(ExpectedConditions.visibilityOfElementLocated(By.id("help")));
    }

    @Test
    void aTaskIsWorkedToResolvedWithTheKeyboardOnly() throws IOException {
        long low = task(0.3, 0.1);
        long urgent = task(0.9, -0.8);
        long middle = task(0.6, -0.4);
        WebDriver d = signedIn(ANN);
        // the queue in its real order, as the API lists it
        List<Object> apiOrder = given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/tasks").then()
                .statusCode(200).extract().jsonPath().getList("items.id");
        assertEquals(apiOrder.stream().map(o -> ((Number) o).longValue()).toList(), rowIds(d));
        assertEquals(3, rowIds(d).size());
        assertTrue(rowIds(d).containsAll(List.of(low, urgent, middle)));
        screenshot(d, "inbox");
        long first = rowIds(d).get(0);
        long second = rowIds(d).get(1);

        keys(d, "j", "k", Keys.ENTER);
        wait(d).until(ExpectedConditions.urlContains("/inbox/tasks/" + first));
        keys(d, "c");
        wait(d).until(ExpectedConditions.textToBe(By.id("assignee"), ANN));
        keys(d, "n");
        keys(d, "checked the status page");
        new Actions(d).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
        wait(d).until(ExpectedConditions.textToBePresentInElementLocated(By.id("note-list"),
                "checked the status page"));
        screenshot(d, "task");
        keys(d, "e");
        // resolved, and claim-next's answer is open
        wait(d).until(ExpectedConditions.urlContains("/inbox/tasks/" + second));
        assertEquals("resolved", apiTask(first).get("status"));
        assertEquals(ANN, apiTask(second).get("assignee"));
    }

    @Test
    void aNewTaskAppearsWithoutReload() throws IOException {
        task(0.6, -0.4);
        WebDriver d = signedIn(ANN);
        assertEquals(1, rowIds(d).size());
        ((JavascriptExecutor) d).executeScript("window.notReloaded = true");
        long fresh = task(0.9, -0.9);
        wait(d).until(x -> rowIds(x).contains(fresh));
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) d).executeScript("return window.notReloaded"));
    }

    @Test
    void aStaleWriteIsShownAndAFormWithoutTheCsrfTokenIsRefused() throws IOException {
        long id = task(0.6, -0.4);
        WebDriver ann = signedIn(ANN);
        WebDriver lena = signedIn(LENA);
        ann.get(url("/inbox/tasks/" + id));
        lena.get(url("/inbox/tasks/" + id));
        keys(lena, "c");
        wait(lena).until(ExpectedConditions.textToBe(By.id("assignee"), LENA));

        // Ann's page still carries the version she read: her claim is refused with the reason shown
        keys(ann, "c");
        WebElement problem = wait(ann).until(ExpectedConditions.presenceOfElementLocated(By.id("problem")));
        assertTrue(problem.getText().contains("someone else changed this task"), problem.getText());
        assertEquals(LENA, ann.findElement(By.id("assignee")).getText());
        screenshot(ann, "stale-write");

        // a form posted without its CSRF token changes nothing
        lena.get(url("/inbox/tasks/" + id));
        ((JavascriptExecutor) lena).executeScript(
                "document.querySelectorAll('#note input[name=\"csrf-token\"]').forEach(e => e.remove())");
        lena.findElement(By.id("note-text")).sendKeys("should not be saved");
        lena.findElement(By.cssSelector("#note button")).click();
        wait(lena).until(x -> !x.getCurrentUrl().endsWith("/inbox/tasks/" + id) || x.getPageSource().contains("400")
                || x.findElements(By.id("note-list")).isEmpty());
        assertTrue(lena.findElements(By.id("note-list")).isEmpty(), "the form was accepted");
        List<?> notes = given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/tasks/{id}/notes", id).then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertTrue(notes.isEmpty(), notes::toString);
        assertNotEquals(null, apiTask(id).get("assignee"));
        assertNull(apiTask(id).get("resolvedAt"));
    }
}
