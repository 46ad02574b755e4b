package dev.earshot.response.people;

import java.util.List;

/** A page of the directory in id order; {@code nextCursor} null on the last page. */
public record UserPage(List<UserView> items, String nextCursor) {
}
