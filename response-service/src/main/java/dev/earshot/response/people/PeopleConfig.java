package dev.earshot.response.people;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The directory of people. */
@ConfigMapping(prefix = "earshot.people")
public interface PeopleConfig {

    /**
     * People written into the directory at start while it is empty (after that, the API owns it), one key per
     * person: {@code earshot.people.seed.ann.email=ann@acme.example} (or {@code EARSHOT_PEOPLE_SEED_ANN_EMAIL}).
     */
    Map<String, Seed> seed();

    interface Seed {
        /** The name tokens carry (upn); default the email. */
        Optional<String> id();

        String displayName();

        String email();

        /** agent, lead or admin. */
        @WithDefault("agent")
        String role();

        Optional<List<String>> teams();

        /** Slack user id (U123ABC): Slack buttons act as this person. */
        Optional<String> slackUserId();
    }
}
