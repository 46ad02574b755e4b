package dev.earshot.response.people;

import static dev.earshot.response.people.UserDirectoryTest.admin;
import static dev.earshot.response.people.UserDirectoryTest.person;
import static dev.earshot.response.people.UserDirectoryTest.put;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.earshot.response.task.Router;
import dev.earshot.response.task.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * {@code earshot.people.seed}: what the start writes into an empty directory, and that a later start (the directory
 * in use) writes nothing, so the API owns the directory after the first start. The seed runs as at start, with
 * configuration read by the same mapping from the properties given here (the test profile seeds nobody).
 */
@QuarkusTest
class DirectorySeedTest {

    @Inject
    UserRepository users;

    @Inject
    Router router;

    @Inject
    Clock clock;

    @Inject
    AgroalDataSource dataSource;

    /** The other tests run with an empty directory (the old rules). */
    @AfterEach
    void emptyTheDirectory() {
        TestData.sql(dataSource, "DELETE FROM app_user");
    }

    private static final Map<String, String> ANN_AND_BOB = Map.of(
            "earshot.people.seed.ann.email", "ann@acme.example",
            "earshot.people.seed.ann.display-name", "Ann Example",
            "earshot.people.seed.ann.role", "lead",
            "earshot.people.seed.ann.teams", "support,sales",
            "earshot.people.seed.ann.slack-user-id", "UANN0001",
            "earshot.people.seed.bob.id", "bob",
            "earshot.people.seed.bob.email", "bob@acme.example",
            "earshot.people.seed.bob.display-name", "Bob Example");

    static PeopleConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(PeopleConfig.class)
                .withSources(new PropertiesConfigSource(properties, "seed-test", 500)).build()
                .getConfigMapping(PeopleConfig.class);
    }

    /** A start of the service with this configuration, as far as the directory goes. */
    void start(PeopleConfig config) throws Throwable {
        new DirectorySeed().onStart(null, config, users, router, clock);
    }

    static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> all = new HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return all;
    }

    @Test
    void theFirstStartSeedsTheEmptyDirectoryAndLaterStartsLeaveItToTheApi() throws Throwable {
        TestData.sql(dataSource, "DELETE FROM app_user");
        start(config(Map.of()));
        admin().get("/api/v1/users").then().statusCode(200).body("items", empty());

        start(config(ANN_AND_BOB));
        // id = email unless given; role agent and no teams unless given
        admin().get("/api/v1/users").then().statusCode(200)
                .body("items.id", contains("ann@acme.example", "bob"))
                .body("items[0].displayName", equalTo("Ann Example"))
                .body("items[0].email", equalTo("ann@acme.example"))
                .body("items[0].role", equalTo("lead"))
                .body("items[0].teams", contains("support", "sales"))
                .body("items[0].slackUserId", equalTo("UANN0001"))
                .body("items[1].displayName", equalTo("Bob Example"))
                .body("items[1].email", equalTo("bob@acme.example"))
                .body("items[1].role", equalTo("agent"))
                .body("items[1].teams", empty())
                .body("items[1].slackUserId", nullValue())
                .body("nextCursor", nullValue());

        // an admin changes Ann; a restart with a longer seed writes nothing: the directory is in use
        put("ann@acme.example", person("Ann E.", "ann@acme.example", "agent", "[\"support\"]", null), 200);
        start(config(with(ANN_AND_BOB, "earshot.people.seed.carol.email", "carol@acme.example",
                "earshot.people.seed.carol.display-name", "Carol")));
        start(config(ANN_AND_BOB));
        admin().get("/api/v1/users").then().statusCode(200)
                .body("items.id", contains("ann@acme.example", "bob"))
                .body("items[0].displayName", equalTo("Ann E."))
                .body("items[0].role", equalTo("agent"))
                .body("items[0].slackUserId", nullValue());
        admin().get("/api/v1/users/{id}", "carol@acme.example").then().statusCode(404);
    }

    @Test
    void aSeedWithAnUnknownRoleOrTeamStopsTheStart() {
        TestData.sql(dataSource, "DELETE FROM app_user");
        IllegalStateException role = assertThrows(IllegalStateException.class,
                () -> start(config(with(ANN_AND_BOB, "earshot.people.seed.bob.role", "boss"))));
        assertTrue(role.getMessage().contains("earshot.people.seed.bob.role must be agent, lead or admin"),
                role.getMessage());
        IllegalStateException team = assertThrows(IllegalStateException.class,
                () -> start(config(with(ANN_AND_BOB, "earshot.people.seed.ann.teams", "support,marketing"))));
        assertTrue(team.getMessage().contains("marketing is not a team"), team.getMessage());
        // nothing was written
        admin().get("/api/v1/users").then().statusCode(200).body("items", empty())
                .body("nextCursor", nullValue());
        admin().queryParam("page", 2).get("/api/v1/users").then().statusCode(400)
                .body("detail", containsString("unknown query parameter page"));
    }
}
