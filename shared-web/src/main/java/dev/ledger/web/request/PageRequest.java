package dev.ledger.web.request;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Which page of a list a request asks for: {@code ?limit=} items (1 to {@link #MAX_LIMIT}, default
 * {@link #DEFAULT_LIMIT}; more is a 400 naming limit) after the position {@code ?after=} (0 or more, default 0: from
 * the start). The answer's {@code nextAfter} is the {@code after} of the next page, null on the last page.
 */
public record PageRequest(int limit, long after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;
    public static final String LIMIT_DOC = "Page size, 1 to 500, default 100";
    public static final String AFTER_DOC = "Only items after this position: pass the previous page's nextAfter (0 or more, default 0)";

    /** The parameters as sent (null when absent); 400 naming the parameter when out of range. */
    public static PageRequest of(String limit, String after) {
        return new PageRequest(limit == null ? DEFAULT_LIMIT : (int) RequestParams.wholeNumber("limit", limit, 1, MAX_LIMIT),
                after == null ? 0 : RequestParams.wholeNumber("after", after, 0));
    }

    /** How many rows to fetch: one more than the page, which tells whether there is a next page. */
    public int fetch() {
        return limit + 1;
    }

    /** A page of what was fetched ({@link #fetch} rows at most), each item's position given by {@code position}. */
    public <T> Page<T> page(List<T> fetched, ToLongFunction<T> position) {
        boolean more = fetched.size() > limit;
        List<T> items = List.copyOf(more ? fetched.subList(0, limit) : fetched);
        return new Page<>(items, more ? position.applyAsLong(items.get(items.size() - 1)) : null);
    }

    /** As {@link #page(List, ToLongFunction)} for a list whose positions are the items' 1-based places in it. */
    public <T> Page<T> pageByPlace(List<T> fetched) {
        boolean more = fetched.size() > limit;
        List<T> items = List.copyOf(more ? fetched.subList(0, limit) : fetched);
        return new Page<>(items, more ? after + limit : null);
    }

    /** One page: its items and the {@code after} of the next page (null on the last). */
    public record Page<T>(List<T> items, Long nextAfter) {
    }
}
