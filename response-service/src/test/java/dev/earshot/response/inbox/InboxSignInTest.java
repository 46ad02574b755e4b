package dev.earshot.response.inbox;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scored;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.people.FirstAdmin;
import dev.earshot.response.people.SignInConfig;
import dev.earshot.response.people.UserRepository;
import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The inbox's sign-in over HTTP: the form against the directory, its cookie, the first admin from the secret, CSRF on
 * the forms, and that each mechanism stays on its paths (a session cookie never authenticates the API).
 */
@QuarkusTest
class InboxSignInTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    UserRepository users;

    @Inject
    Clock clock;

    @Inject
    TaskIngestion ingestion;

    @Inject
    ObjectMapper mapper;

    @AfterEach
    void emptyTheDirectory() {
        InboxPeople.removeAll(dataSource);
    }

    static Response signIn(String user, String password) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("username", user).formParam("password", password).post("/inbox/j_security_check");
    }

    static String session(String user, String password) {
        Response r = signIn(user, password);
        r.then().statusCode(302).header("Location", endsWith("/inbox"));
        return r.getCookie("earshot-inbox");
    }

    @Test
    void theInboxAsksForSignInAndTheApiStaysOnBearerTokens() {
        given().redirects().follow(false).get("/inbox").then().statusCode(302)
                .header("Location", endsWith("/inbox/login"));
        given().get("/inbox/login").then().statusCode(200).body(containsString("j_security_check"));
        given().get("/api/v1/tasks").then().statusCode(401);

        InboxPeople.add(dataSource, "ann@acme.example", "agent", "correct horse", "support");
        signIn("ann@acme.example", "wrong").then().statusCode(303).header("Location", containsString("error=true"));
        Response ok = signIn("ANN@acme.example", "correct horse");
        ok.then().statusCode(302);
        String setCookie = ok.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("earshot-inbox=")).findFirst().orElseThrow();
        assertTrue(setCookie.toLowerCase(java.util.Locale.ROOT).contains("httponly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/inbox"), setCookie);
        String session = ok.getCookie("earshot-inbox");

        given().cookie("earshot-inbox", session).get("/inbox").then().statusCode(200)
                .body(containsString("ann@acme.example"));
        // the session cookie does not open the API
        given().cookie("earshot-inbox", session).get("/api/v1/tasks").then().statusCode(401);
        // OIDC's back-channel logout URI is opened in OIDC mode only: here it is an inbox path like any other
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("logout_token", "x").post("/inbox/oidc/back-channel-logout").then().statusCode(302)
                .header("Location", endsWith("/inbox/login"));
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        InboxPeople.add(dataSource, "ann@acme.example", "agent", "correct horse", "support");
        String session = session("ann@acme.example", "correct horse");
        String conversationId = conversation();
        Ingest.record(ingestion, mapper, scored(mentionId(), conversationId, 0.6, -0.6, null));
        long id = TestData.taskId(dataSource, conversationId);

        Response page = given().cookie("earshot-inbox", session).get("/inbox/tasks/{id}", id);
        page.then().statusCode(200);
        String csrf = page.getCookie("earshot-csrf");
        given().redirects().follow(false).cookie("earshot-inbox", session).cookie("earshot-csrf", csrf)
                .contentType("application/x-www-form-urlencoded").formParam("version", "")
                .post("/inbox/tasks/{id}/claim", id).then().statusCode(400);
        given().redirects().follow(false).cookie("earshot-inbox", session).cookie("earshot-csrf", csrf)
                .contentType("application/x-www-form-urlencoded").formParam("version", "")
                .formParam("csrf-token", csrf)
                .post("/inbox/tasks/{id}/claim", id).then().statusCode(303);
        assertEquals("ann@acme.example", TestData.detail(id).getString("assignee"));
    }

    @Test
    void theFirstAdminComesFromTheSecretOnce() throws Throwable {
        SignInConfig config = new TestSignInConfig(Optional.of("first admin secret"), "Root@Acme.example",
                SignInConfig.Mode.form, false);
        assertTrue(FirstAdmin.create(config, users, clock));
        assertFalse(FirstAdmin.create(config, users, clock));
        session("root@acme.example", "first admin secret");
        Map<String, Object> admin = given().auth().oauth2(dev.earshot.testing.DevJwt.token("admin"))
                .get("/api/v1/users/{id}", "root@acme.example").then().statusCode(200)
                .body("role", equalTo("admin")).extract().jsonPath().getMap("$");
        assertFalse(admin.containsKey("passwordHash"));
    }
}
