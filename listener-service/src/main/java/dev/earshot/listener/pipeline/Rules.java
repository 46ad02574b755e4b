package dev.earshot.listener.pipeline;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.listener.config.ListenerConfig;
import dev.earshot.listener.model.Rule;

/** The configured listening rules, sorted by id. */
@ApplicationScoped
public class Rules {

    private final List<Rule> rules;

    public Rules(ListenerConfig config) {
        this.rules = config.rules().entrySet().stream()
                .map(e -> new Rule(e.getKey(), e.getValue().keyword()))
                .sorted(Comparator.comparing(Rule::id))
                .toList();
    }

    public List<Rule> all() {
        return rules;
    }
}
