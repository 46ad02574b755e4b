package dev.earshot.response.common;

import static io.restassured.RestAssured.given;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.earshot.testing.DevJwt;
import io.quarkus.test.junit.QuarkusTest;

/** Over HTTP: a remembered token does not let through one with another signature. */
@QuarkusTest
class CachingJwtParserTest {

    @Test
    void onlyTheVerifiedTokenItselfIsRemembered() {
        String token = DevJwt.token("ann@acme.example", "agent", DevJwt.ISSUER, Duration.ofHours(1));
        given().auth().oauth2(token).get("/api/v1/tasks").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/tasks").then().statusCode(200);
        String[] parts = token.split("\\.");
        char last = parts[2].charAt(10);
        String tampered = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A')
                + parts[2].substring(11);
        given().auth().oauth2(tampered).get("/api/v1/tasks").then().statusCode(401);
        String otherSignature = DevJwt.tokenSignedByStranger("agent");
        given().auth().oauth2(otherSignature).get("/api/v1/tasks").then().statusCode(401);
    }
}
