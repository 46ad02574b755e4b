package dev.earshot.response.task;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** Sends a task to a team by the configured rules (intent, source, listening rule, keyword). */
@ApplicationScoped
public class Router {

    /** The team and why. */
    public record Route(String team, String reason) {
    }

    private record NamedRule(String name, RoutingConfig.Rule rule) {
    }

    private final RoutingConfig config;
    private final List<NamedRule> rules;

    public Router(RoutingConfig config) {
        this.config = config;
        this.rules = config.rules().entrySet().stream()
                .map(e -> new NamedRule(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt((NamedRule r) -> r.rule().order()).thenComparing(NamedRule::name))
                .toList();
        for (NamedRule r : rules) {
            if (!config.teams().contains(r.rule().team())) {
                throw new IllegalStateException("routing rule " + r.name() + " sends to unknown team "
                        + r.rule().team() + "; teams are " + config.teams());
            }
        }
        if (!config.teams().contains(config.defaultTeam())) {
            throw new IllegalStateException("earshot.routing.default-team " + config.defaultTeam()
                    + " is not one of " + config.teams());
        }
    }

    public List<String> teams() {
        return config.teams();
    }

    public boolean isTeam(String team) {
        return config.teams().contains(team);
    }

    /**
     * @param text title and post texts, lower case
     */
    public Route route(Collection<String> intents, String source, Collection<String> matchedRules, String text) {
        for (NamedRule named : rules) {
            RoutingConfig.Rule r = named.rule();
            boolean any = r.intents().isPresent() || r.sources().isPresent() || r.matchedRules().isPresent()
                    || r.keywords().isPresent();
            if (any && anyOf(r.intents(), intents) && anyOf(r.sources(), source == null ? List.of() : List.of(source))
                    && anyOf(r.matchedRules(), matchedRules) && keywordIn(r.keywords(), text)) {
                return new Route(r.team(), "rule " + named.name());
            }
        }
        return new Route(config.defaultTeam(), "default team");
    }

    private static boolean anyOf(Optional<List<String>> wanted, Collection<String> present) {
        return wanted.isEmpty() || (present != null && wanted.get().stream().anyMatch(present::contains));
    }

    private static boolean keywordIn(Optional<List<String>> keywords, String text) {
        if (keywords.isEmpty()) {
            return true;
        }
        if (text == null) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return keywords.get().stream().anyMatch(k -> !k.isBlank() && lower.contains(k.toLowerCase(Locale.ROOT)));
    }

}
