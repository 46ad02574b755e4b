package dev.earshot.sentiment.model;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Urgency: {@code score} in [0, 1], {@code level} low, medium, high or critical, and the reasons behind it. */
@RegisterForReflection
public record Urgency(double score, String level, List<String> reasons) {
}
