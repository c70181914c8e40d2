package dev.shipgate.contracts.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a newest-first list.
 *
 * @param items the page, newest first
 * @param total how many items the whole list (same filters, no page) holds
 * @param next  where the next page starts, or null on the last page
 */
public record ListPage<T>(List<T> items, long total, Cursor next) {

    public ListPage {
        items = List.copyOf(items);
    }

    public <R> ListPage<R> map(Function<? super T, ? extends R> mapping) {
        return new ListPage<>(items.stream().<R>map(mapping).toList(), total, next);
    }
}
