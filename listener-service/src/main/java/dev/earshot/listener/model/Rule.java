package dev.earshot.listener.model;

/** A listening rule: posts whose title or text contain {@code keyword} as a whole word (any case). */
public record Rule(String id, String keyword) {
}
