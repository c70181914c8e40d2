package dev.shipgate.contracts.paging;

/**
 * Which page of a newest-first list to read: after {@code cursor} when there is one, else {@code offset} items from
 * the start (the older {@code page} parameter, page times size); {@code size} items at most.
 */
public record PageAt(Cursor cursor, long offset, int size) {

    public PageAt {
        if (size < 1 || offset < 0) {
            throw new IllegalArgumentException("size must be at least 1 and offset not negative");
        }
    }

    public static PageAt first(int size) {
        return new PageAt(null, 0, size);
    }

    /** From the API's parameters: a cursor wins over a page number. */
    public static PageAt of(String cursor, int page, int size) {
        return cursor == null || cursor.isBlank() ? new PageAt(null, (long) page * size, size)
                : new PageAt(Cursor.decode(cursor), 0, size);
    }
}
