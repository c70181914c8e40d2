package dev.shipgate.approval.approval.application;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Pages of only the items that pass a filter the store cannot apply (such as who may see them), read from a store
 * that pages without it. Page {@code n} holds the visible items {@code n * size ..} in the store's order, so a page
 * is short only at the end: filtering a store page afterwards would drop items from it and hide the ones after.
 */
public final class FilteredPages {

    /** How many items are read from the store at a time. */
    static final int BATCH = 100;

    private FilteredPages() {
    }

    /**
     * @param stored the store's page with this index, {@link #BATCH} items each (fewer only at the end)
     * @param keep   the filter
     * @param page   0-based index of the filtered page
     * @param size   items per filtered page, at least 1
     */
    public static <T> List<T> page(IntFunction<List<T>> stored, Predicate<? super T> keep, int page, int size) {
        long skip = (long) page * size;
        List<T> result = new ArrayList<>(size);
        for (int batch = 0; result.size() < size; batch++) {
            List<T> items = stored.apply(batch);
            for (T item : items) {
                if (!keep.test(item)) {
                    continue;
                }
                if (skip > 0) {
                    skip--;
                } else if (result.size() < size) {
                    result.add(item);
                }
            }
            if (items.size() < BATCH) {
                break;
            }
        }
        return result;
    }
}
