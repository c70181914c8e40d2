package dev.shipgate.support.web;

import dev.shipgate.contracts.paging.ListPage;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;

import java.util.List;

/**
 * A list answer as every list endpoint gives it: the page as the JSON array body (the shape clients already read),
 * the whole list's size in {@code X-Total-Count}, and where the next page is in an RFC 8288 {@code Link} header with
 * {@code rel="next"}: this request's path and query with {@code cursor} set and {@code page} removed (a reference
 * relative to the request, so it holds through the gateway). No Link on the last page.
 */
public final class PagedAnswer {

    public static final String TOTAL_COUNT = "X-Total-Count";
    public static final String LINK = "Link";

    /** Longest {@code q} (a digest with its algorithm is 71 characters). */
    public static final int Q_MAX = 200;
    /** Longest {@code cursor} a list gives out (an id of at most 200 characters, encoded). */
    public static final int CURSOR_MAX = 300;

    public static final String DESCRIPTION = "A page of the list, newest first (all filters applied before paging)";
    public static final String LINK_DESCRIPTION = "RFC 8288: <path?query&cursor=...>; rel=\"next\" while a next page"
            + " exists; follow it as given (the cursor is opaque)";
    public static final String TOTAL_DESCRIPTION = "How many items the whole list holds with these filters";

    private PagedAnswer() {
    }

    /** The search text {@code q}, trimmed; null when blank. */
    public static String text(String q) {
        return q == null || q.isBlank() ? null : q.strip();
    }

    public static <T> ResponseEntity<List<T>> of(ListPage<T> page) {
        return headers(page).body(page.items());
    }

    /** A 200 answer with the page's {@code X-Total-Count} and {@code Link}, for a body of another form (CSV). */
    public static ResponseEntity.BodyBuilder headers(ListPage<?> page) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header(TOTAL_COUNT, Long.toString(page.total()));
        if (page.next() != null) {
            UriComponents next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("cursor", page.next().encode())
                    .replaceQueryParam("page")
                    .build();
            answer.header(LINK, "<" + next.getPath() + "?" + next.getQuery() + ">; rel=\"next\"");
        }
        return answer;
    }
}
