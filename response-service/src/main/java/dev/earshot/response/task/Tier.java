package dev.earshot.response.task;

/** Priority tiers, P1 the most urgent. */
public enum Tier {
    P1, P2, P3, P4
}
