package dev.earshot.testing;

/**
 * The time window of an Algolia {@code search_by_date} request, read from its {@code numericFilters}
 * ({@code created_at_i>S}, {@code >=S}, {@code <=U}, {@code <U}): hits with {@code since < created_at_i <= upper}.
 * For the local servers that answer in Algolia's format.
 */
public record AlgoliaWindow(long since, long upper) {

    public static AlgoliaWindow parse(String numericFilters) {
        long since = Long.MIN_VALUE;
        long upper = Long.MAX_VALUE;
        for (String filter : numericFilters == null ? new String[0] : numericFilters.split(",")) {
            String f = filter.strip();
            if (f.startsWith("created_at_i>=")) {
                since = Long.parseLong(f.substring(14)) - 1;
            } else if (f.startsWith("created_at_i>")) {
                since = Long.parseLong(f.substring(13));
            } else if (f.startsWith("created_at_i<=")) {
                upper = Long.parseLong(f.substring(14));
            } else if (f.startsWith("created_at_i<")) {
                upper = Long.parseLong(f.substring(13)) - 1;
            }
        }
        return new AlgoliaWindow(since, upper);
    }

    public boolean contains(long createdAt) {
        return createdAt > since && createdAt <= upper;
    }
}
