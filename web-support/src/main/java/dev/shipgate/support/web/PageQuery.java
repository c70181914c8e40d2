package dev.shipgate.support.web;

import dev.shipgate.contracts.paging.PageAt;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * The query parameters every paged list shares, bound from the query string
 * ({@code @Valid @ParameterObject PageQuery paging}): a bad one answers 400 naming it ({@code field: size}), as any
 * parameter does. Pages and their headers: {@link PagedAnswer}.
 *
 * @param q      optional search text, at most {@value PagedAnswer#Q_MAX} characters; blank means none
 * @param cursor the opaque cursor of a {@code rel="next"} link, at most {@value PagedAnswer#CURSOR_MAX} characters;
 *               when given, {@code page} is ignored
 * @param page   the page number from 0 (default 0), for lists read by offset
 * @param size   items per page, 1 to 100 (default 20)
 */
public record PageQuery(@Size(max = PagedAnswer.Q_MAX) String q,
                        @Size(max = PagedAnswer.CURSOR_MAX) String cursor,
                        @Schema(defaultValue = "0") @Min(0) Integer page,
                        @Schema(defaultValue = "20") @Min(1) @Max(100) Integer size) {

    public PageQuery {
        page = page == null ? 0 : page;
        size = size == null ? 20 : size;
    }

    /** The search text, or null when none was given. */
    public String text() {
        return PagedAnswer.text(q);
    }

    /** Where the page starts and how long it is. */
    public PageAt at() {
        return PageAt.of(cursor, page, size);
    }
}
