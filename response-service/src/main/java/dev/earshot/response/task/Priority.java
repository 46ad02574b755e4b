package dev.earshot.response.task;

import java.util.List;

/** A priority score in 0..100 (one decimal), its tier and the reasons that explain it. */
public record Priority(double score, Tier tier, List<String> reasons) {
}
