package dev.earshot.response.task;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Teams and the rules that route a task to one of them. Rules are tried by ascending
 * {@link Rule#order()} (then name); the first whose every given criterion matches wins, else the
 * default team. A criterion matches when any of its values does.
 */
@ConfigMapping(prefix = "earshot.routing")
public interface RoutingConfig {

    /** The teams tasks can belong to. */
    @WithDefault("support,product,sales,legal,communications")
    List<String> teams();

    /** Team of a task no rule matches. */
    @WithDefault("support")
    String defaultTeam();

    /** Rules by name. */
    Map<String, Rule> rules();

    interface Rule {
        /** Team the task goes to. */
        String team();

        /** Lower is tried first. Default 100. */
        @WithDefault("100")
        int order();

        /** Intent ids of any post of the conversation (outage, billing, legal-threat, ...). */
        Optional<List<String>> intents();

        /** Sources (hackernews, ...). */
        Optional<List<String>> sources();

        /** Listening rule ids the posts matched. */
        Optional<List<String>> matchedRules();

        /** Words or phrases in the title or posts, case-insensitive. */
        Optional<List<String>> keywords();
    }
}
