package dev.shipgate.approval.approval.application;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Paging what passes a filter the store cannot apply: page n is the n-th run of visible items, never short. */
class FilteredPagesTest {

    @Property
    void a_page_is_the_slice_of_the_visible_items_it_names(@ForAll @Size(max = 350) List<Boolean> visible,
                                                           @ForAll @IntRange(max = 12) int page,
                                                           @ForAll @IntRange(min = 1, max = 100) int size) {
        List<Integer> items = IntStream.range(0, visible.size()).boxed().toList();
        List<Integer> seen = items.stream().filter(visible::get).toList();

        List<Integer> result = FilteredPages.page(batch -> storePage(items, batch), visible::get, page, size);

        int from = (int) Math.min((long) page * size, seen.size());
        assertThat(result).isEqualTo(seen.subList(from, Math.min(from + size, seen.size())));
    }

    @Test
    void a_page_is_full_of_visible_items_when_invisible_ones_are_interleaved() {
        List<Integer> items = IntStream.range(0, 1000).boxed().toList();

        // every other item is invisible: the first page of 20 reaches 40 items into the store
        List<Integer> first = FilteredPages.page(batch -> storePage(items, batch), item -> item % 2 == 0, 0, 20);
        List<Integer> third = FilteredPages.page(batch -> storePage(items, batch), item -> item % 2 == 0, 2, 20);

        assertThat(first).hasSize(20).allMatch(item -> item % 2 == 0).startsWith(0, 2, 4).endsWith(38);
        assertThat(third).hasSize(20).startsWith(80);
    }

    private static List<Integer> storePage(List<Integer> items, int batch) {
        int from = Math.min(batch * FilteredPages.BATCH, items.size());
        return items.subList(from, Math.min(from + FilteredPages.BATCH, items.size()));
    }
}
