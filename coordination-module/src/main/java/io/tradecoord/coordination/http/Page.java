package io.tradecoord.coordination.http;

import java.util.List;

/** One page of a list, with what a client needs to fetch the others. */
public record Page<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public static <T> Page<T> of(List<T> items, PageRequest request, long totalItems) {
        long pages = (totalItems + request.size() - 1) / request.size();
        return new Page<>(List.copyOf(items), request.page(), request.size(), totalItems, pages);
    }
}
