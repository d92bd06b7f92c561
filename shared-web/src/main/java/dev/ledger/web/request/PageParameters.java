package dev.ledger.web.request;

import io.swagger.v3.oas.annotations.Parameter;

/**
 * The {@code ?after=} and {@code ?limit=} of a paged list as sent (null when absent), bound by Spring MVC from the
 * query parameters of the same names; a controller method takes it as a springdoc {@code @ParameterObject}, so every
 * paged list documents them alike. {@link #page()} checks them.
 */
public record PageParameters(@Parameter(description = PageRequest.AFTER_DOC) String after,
                             @Parameter(description = PageRequest.LIMIT_DOC) String limit) {

    /** The page asked for; 400 naming the parameter when out of range. */
    public PageRequest page() {
        return PageRequest.of(limit, after);
    }
}
