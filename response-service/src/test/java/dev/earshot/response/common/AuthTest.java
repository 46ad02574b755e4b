package dev.earshot.response.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.earshot.testing.DevJwt;
import dev.earshot.web.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Every /api/v1 endpoint: 401 without a valid token, 403 without a role that may call it. */
@QuarkusTest
class AuthTest {

    /** An endpoint and the least role that may call it. */
    record Endpoint(String method, String path, String body, String leastRole) {
        Endpoint(String method, String path, String body, boolean leadOnly) {
            this(method, path, body, leadOnly ? "lead" : "agent");
        }

        static Endpoint adminOnly(String method, String path, String body) {
            return new Endpoint(method, path, body, "admin");
        }

        List<String> allowedRoles() {
            return ROLES.subList(ROLES.indexOf(leastRole), ROLES.size());
        }

        List<String> refusedRoles() {
            return ROLES.subList(0, ROLES.indexOf(leastRole));
        }
    }

    /** No webhook has this id: the calls that get past authentication change nothing. */
    static final long NO_WEBHOOK = 987_654_321L;

    static final List<String> ROLES = List.of("agent", "lead", "admin");

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/tasks", null, false),
            new Endpoint("GET", "/api/v1/tasks/1", null, false),
            new Endpoint("GET", "/api/v1/tasks/1/history", null, false),
            new Endpoint("POST", "/api/v1/tasks/claim-next", null, false),
            new Endpoint("POST", "/api/v1/tasks/1/claim", null, false),
            new Endpoint("POST", "/api/v1/tasks/1/assign", "{\"assignee\":\"tester@earshot.test\"}", false),
            new Endpoint("POST", "/api/v1/tasks/1/unassign", null, false),
            new Endpoint("POST", "/api/v1/tasks/1/snooze", "{\"until\":\"2030-01-01T00:00:00Z\"}", false),
            new Endpoint("POST", "/api/v1/tasks/1/notes", "{\"text\":\"n\"}", false),
            new Endpoint("POST", "/api/v1/tasks/1/resolve", "{\"replyUrl\":\"https://e.org/1\",\"replyText\":\"t\"}", false),
            new Endpoint("POST", "/api/v1/tasks/1/dismiss", "{\"reason\":\"spam\"}", false),
            new Endpoint("POST", "/api/v1/tasks/1/reopen", null, false),
            new Endpoint("POST", "/api/v1/tasks/1/team", "{\"team\":\"legal\"}", true),
            new Endpoint("POST", "/api/v1/tasks/1/viewing", null, false),
            new Endpoint("DELETE", "/api/v1/tasks/1/viewing", null, false),
            new Endpoint("POST", "/api/v1/tasks/1/reply-draft", "{\"savedReplyId\":1}", false),
            new Endpoint("GET", "/api/v1/saved-replies", null, false),
            new Endpoint("GET", "/api/v1/saved-replies/1", null, false),
            new Endpoint("POST", "/api/v1/saved-replies", "{\"team\":\"support\",\"name\":\"n\",\"body\":\"b\"}", true),
            new Endpoint("PUT", "/api/v1/saved-replies/1", "{\"team\":\"support\",\"name\":\"n\",\"body\":\"b\"}", true),
            new Endpoint("DELETE", "/api/v1/saved-replies/1", null, true),
            new Endpoint("GET", "/api/v1/customers/test/carol", null, false),
            new Endpoint("GET", "/api/v1/kpis", null, true),
            new Endpoint("GET", "/api/v1/alerts/spikes", null, false),
            Endpoint.adminOnly("GET", "/api/v1/webhooks", null),
            Endpoint.adminOnly("POST", "/api/v1/webhooks", "{}"),
            Endpoint.adminOnly("GET", "/api/v1/webhooks/" + NO_WEBHOOK, null),
            Endpoint.adminOnly("PUT", "/api/v1/webhooks/" + NO_WEBHOOK, "{}"),
            Endpoint.adminOnly("DELETE", "/api/v1/webhooks/" + NO_WEBHOOK, null),
            Endpoint.adminOnly("POST", "/api/v1/webhooks/" + NO_WEBHOOK + "/secrets", null),
            Endpoint.adminOnly("DELETE", "/api/v1/webhooks/" + NO_WEBHOOK + "/secrets/previous", null),
            Endpoint.adminOnly("POST", "/api/v1/webhooks/" + NO_WEBHOOK + "/test?event=task.created", null),
            Endpoint.adminOnly("GET", "/api/v1/webhooks/" + NO_WEBHOOK + "/deliveries", null),
            Endpoint.adminOnly("GET", "/api/v1/webhooks/" + NO_WEBHOOK + "/deliveries/1", null),
            Endpoint.adminOnly("POST", "/api/v1/webhooks/" + NO_WEBHOOK + "/deliveries/1/redeliver", null));

    private static RequestSpecification request(Endpoint e, String token) {
        RequestSpecification r = given();
        if (token != null) {
            r.auth().oauth2(token);
        }
        if (e.body() != null) {
            r.contentType(ContentType.JSON).body(e.body());
        }
        return r;
    }

    private static io.restassured.response.Response call(Endpoint e, String token) {
        return request(e, token).request(e.method(), e.path());
    }

    @Test
    void withoutAValidTokenEveryEndpointAnswers401() {
        String expired = DevJwt.token("tester@earshot.test", "admin", DevJwt.ISSUER, Duration.ofSeconds(-120));
        String otherIssuer = DevJwt.token("tester@earshot.test", "admin", "https://someone.else", Duration.ofHours(1));
        // signed by our issuer, but minted for another application, or for none
        String otherAudience = DevJwt.token("tester@earshot.test", "admin", DevJwt.ISSUER, Duration.ofHours(1),
                "another-app");
        String noAudience = DevJwt.token("tester@earshot.test", "admin", DevJwt.ISSUER, Duration.ofHours(1), null);
        for (Endpoint e : ENDPOINTS) {
            for (String token : new String[] {null, "not-a-jwt", DevJwt.tokenSignedByStranger("admin"), expired,
                    otherIssuer, otherAudience, noAudience}) {
                call(e, token).then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                        .header("WWW-Authenticate", startsWith("Bearer")).body("status", equalTo(401));
            }
        }
    }

    @Test
    void aTokenWithoutTheRoleAnswers403() {
        for (Endpoint e : ENDPOINTS) {
            call(e, DevJwt.token("guest")).then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                    .body("status", equalTo(403));
            for (String role : e.refusedRoles()) {
                call(e, DevJwt.token(role)).then().statusCode(403).contentType(Problem.MEDIA_TYPE);
            }
        }
    }

    @Test
    void theRightRolesGetPastAuthentication() {
        for (Endpoint e : ENDPOINTS) {
            for (String role : e.allowedRoles()) {
                // task, saved reply, webhook and delivery 1 may not exist: 404/409/400 are fine, auth must not refuse, nothing fails
                call(e, DevJwt.token(role)).then().statusCode(not(oneOf(401, 403, 500)));
            }
        }
    }

    @Test
    void platformEndpointsStayOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
