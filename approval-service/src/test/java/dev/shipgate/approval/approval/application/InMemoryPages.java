package dev.shipgate.approval.approval.application;

import dev.shipgate.contracts.paging.Cursor;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Pages of a list already filtered and sorted newest first, as the MongoDB adapters page theirs. */
final class InMemoryPages {

    private static final Comparator<Cursor> NEWEST_FIRST = Comparator.comparing(Cursor::at)
            .thenComparing(Cursor::id).reversed();

    private InMemoryPages() {
    }

    static <T> ListPage<T> page(List<T> all, PageAt at, Function<T, Cursor> position) {
        List<T> rest = at.cursor() == null ? all.stream().skip(at.offset()).toList()
                : all.stream().filter(item -> NEWEST_FIRST.compare(position.apply(item), at.cursor()) > 0).toList();
        List<T> page = rest.stream().limit(at.size()).toList();
        Cursor next = rest.size() > at.size() ? position.apply(page.get(page.size() - 1)) : null;
        return new ListPage<>(page, all.size(), next);
    }
}
