package dev.earshot.response.inbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.earshot.response.task.TestData;
import dev.earshot.testing.DevJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The inbox's Admin pages over HTTP: who may open which page (403 as a page), CSRF, and the services' refusals shown
 * on the page in words with their status (never a problem+json). The browser test walks the same pages.
 */
@QuarkusTest
class AdminPagesTest {

    static final String ROOT = "root@acme.example";
    static final String LENA = "lena@acme.example";
    static final String ANN = "ann@acme.example";
    static final String PASSWORD = "correct horse battery";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void people() {
        InboxPeople.removeAll(dataSource);
        InboxPeople.add(dataSource, ROOT, "admin", PASSWORD);
        InboxPeople.add(dataSource, LENA, "lead", PASSWORD, "support");
        InboxPeople.add(dataSource, ANN, "agent", PASSWORD, "support");
    }

    @AfterEach
    void clean() {
        InboxPeople.removeAll(dataSource);
        TestData.sql(dataSource, "DELETE FROM saved_reply WHERE created_by = '" + LENA + "'");
    }

    /** A signed-in session with its CSRF cookie, as a browser holds them after opening a page. */
    record Session(String session, String csrf) {

        RequestSpecification request() {
            return given().redirects().follow(false).cookie("earshot-inbox", session).cookie("earshot-csrf", csrf);
        }

        Response post(String path, Object... form) {
            RequestSpecification r = request().contentType("application/x-www-form-urlencoded")
                    .formParam("csrf-token", csrf);
            for (int i = 0; i < form.length; i += 2) {
                r.formParam((String) form[i], form[i + 1]);
            }
            return r.post(path);
        }
    }

    static Session signIn(String who) {
        String session = InboxSignInTest.session(who, PASSWORD);
        String csrf = given().cookie("earshot-inbox", session).get("/inbox").then().statusCode(200).extract()
                .cookie("earshot-csrf");
        return new Session(session, csrf);
    }

    @Test
    void agentsGetAReadable403AndLeadsSavedRepliesOnly() {
        Session ann = signIn(ANN);
        ann.request().get("/inbox").then().statusCode(200).body(not(containsString("href=\"/inbox/admin\"")));
        for (String path : new String[] {"/inbox/admin", "/inbox/admin/users", "/inbox/admin/webhooks",
                "/inbox/admin/saved-replies", "/inbox/admin/users/" + ROOT, "/inbox/admin/webhooks/1"}) {
            ann.request().get(path).then().statusCode(403).contentType(containsString("text/html"))
                    .body(containsString("Your role does not open this page"));
        }
        ann.post("/inbox/admin/saved-replies", "team", "support", "name", "x", "body", "y").then().statusCode(403)
                .contentType(containsString("text/html"));
        // the API's 403 stays a problem
        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/users").then().statusCode(403)
                .contentType("application/problem+json");

        Session lena = signIn(LENA);
        lena.request().get("/inbox").then().statusCode(200).body(containsString("href=\"/inbox/admin\""));
        lena.request().get("/inbox/admin").then().statusCode(303)
                .header("Location", endsWith("/inbox/admin/saved-replies"));
        lena.request().get("/inbox/admin/saved-replies").then().statusCode(200)
                .body(not(containsString("Users and roles"))).body(containsString("{agent}"));
        lena.request().get("/inbox/admin/users").then().statusCode(403);
        lena.request().get("/inbox/admin/webhooks").then().statusCode(403);

        Session root = signIn(ROOT);
        root.request().get("/inbox/admin").then().statusCode(303).header("Location", endsWith("/inbox/admin/users"));
        root.request().get("/inbox/admin/users").then().statusCode(200).body(containsString("Users and roles"))
                .body(containsString(LENA));
    }

    @Test
    void aFormWithoutItsCsrfTokenChangesNothing() {
        Session root = signIn(ROOT);
        root.request().contentType("application/x-www-form-urlencoded").formParam("displayName", "Zed")
                .formParam("email", "zed@acme.example").formParam("role", "admin")
                .post("/inbox/admin/users").then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("CSRF token is missing"));
        root.request().contentType("application/x-www-form-urlencoded").formParam("csrf-token", "x".repeat(30))
                .formParam("role", "agent").formParam("displayName", "Ann").formParam("email", ANN)
                .post("/inbox/admin/users/" + ANN).then().statusCode(400);
        root.request().get("/inbox/admin/users/zed@acme.example").then().statusCode(404);
        assertEquals("agent", role(ANN));
    }

    @Test
    void refusalsAreShownInWords() {
        Session root = signIn(ROOT);
        root.post("/inbox/admin/users", "displayName", "", "email", "not-an-email", "role", "boss").then()
                .statusCode(400).contentType(containsString("text/html"))
                .body(containsString("Display name must not be blank"))
                .body(containsString("Email must be a well-formed email address"))
                .body(containsString("Role must be agent, lead or admin"));
        root.post("/inbox/admin/users", "displayName", "Zed", "email", "zed@acme.example", "role", "agent",
                "password", "too short").then().statusCode(400).body(containsString("at least 12 characters"))
                .body(containsString("value=\"Zed\""));
        root.post("/inbox/admin/users", "displayName", "Ann again", "email", ANN.toUpperCase(), "role", "agent",
                "id", "ann2").then().statusCode(409).body(containsString("belongs to user " + ANN));
        root.post("/inbox/admin/users", "displayName", "Ann", "email", ANN, "role", "agent").then()
                .statusCode(409).body(containsString("exists already"));
        // the last admin stays an admin
        root.post("/inbox/admin/users/" + ROOT, "displayName", "Root", "email", ROOT, "role", "lead").then()
                .statusCode(409).body(containsString("is the last admin"));
        root.post("/inbox/admin/users/" + ROOT + "/delete").then().statusCode(409)
                .body(containsString("is the last admin"));
        assertEquals("admin", role(ROOT));

        root.post("/inbox/admin/webhooks", "name", "metadata", "url", "http://169.254.169.254/latest/meta-data",
                "format", "json", "events", "task.created").then().statusCode(400)
                .contentType(containsString("text/html")).body(containsString("url is refused"))
                .body(containsString("value=\"http://169.254.169.254/latest/meta-data\""));
        assertEquals(0L, count("SELECT count(*) FROM webhook_subscription WHERE url LIKE 'http://169.254.%'"));

        Session lena = signIn(LENA);
        lena.post("/inbox/admin/saved-replies", "team", "support", "name", "hello", "body", "Hi {first_name}")
                .then().statusCode(400).body(containsString("unknown placeholder {first_name}"));
        lena.post("/inbox/admin/saved-replies", "team", "support", "name", "hello", "body", "Hi {author}, {agent}")
                .then().statusCode(303);
        long id = count("SELECT id FROM saved_reply WHERE name = 'hello' AND team = 'support'");
        lena.post("/inbox/admin/saved-replies/" + id, "version", "1", "team", "support", "name", "hello",
                "body", "Hello {author}").then().statusCode(303);
        // a form read at version 1 is stale now
        lena.post("/inbox/admin/saved-replies/" + id, "version", "1", "team", "support", "name", "hello",
                "body", "Hey {author}").then().statusCode(412).body(containsString("someone else changed it"))
                .body(containsString("Hello {author}"));
        lena.post("/inbox/admin/saved-replies/" + id + "/delete", "version", "2").then().statusCode(303);
        assertEquals(0L, count("SELECT count(*) FROM saved_reply WHERE id = " + id));
    }

    @Test
    void anAdminSetsAPasswordThatSignsIn() {
        Session root = signIn(ROOT);
        root.post("/inbox/admin/users", "displayName", "Zed", "email", "Zed@Acme.example", "role", "agent",
                "teams", "support").then().statusCode(303)
                .header("Location", endsWith("/inbox/admin/users/zed%40acme.example?notice=created"));
        root.request().get("/inbox/admin/users/zed@acme.example").then().statusCode(200)
                .body(containsString("inbox password none"));
        InboxSignInTest.signIn("zed@acme.example", "a long new password").then().statusCode(303);
        root.post("/inbox/admin/users/zed@acme.example/password", "password", "short").then().statusCode(400)
                .body(containsString("at least 12 characters"));
        root.post("/inbox/admin/users/zed@acme.example/password", "password", "a long new password").then()
                .statusCode(303);
        InboxSignInTest.session("zed@acme.example", "a long new password");
        root.post("/inbox/admin/users/zed@acme.example/delete").then().statusCode(303)
                .header("Location", endsWith("/inbox/admin/users?notice=deleted"));
        assertEquals(0L, count("SELECT count(*) FROM app_user WHERE id = 'zed@acme.example'"));
    }

    String role(String id) {
        return given().auth().oauth2(DevJwt.token("admin")).get("/api/v1/users/{id}", id).then().statusCode(200)
                .extract().path("role");
    }

    long count(String sql) {
        try (var c = dataSource.getConnection(); var s = c.createStatement(); var r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
