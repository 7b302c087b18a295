package io.tradecoord.inventory.control;

import io.tradecoord.inventory.entity.InventoryRejected.ShortLine;
import io.tradecoord.inventory.entity.ReservationLine;
import io.tradecoord.inventory.entity.Sku;
import io.tradecoord.inventory.entity.incoming.OrderPlaced;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What an order asks of the stock: per SKU code the quantity of all its lines summed (an order may name a SKU
 * twice), in code order; or, for an order the inventory cannot serve at all (no lines, a line without a SKU or
 * with a quantity that is not positive), why not.
 */
public final class Demand {

    private final SortedMap<String, Long> quantities;
    private final String problem;

    private Demand(SortedMap<String, Long> quantities, String problem) {
        this.quantities = Collections.unmodifiableSortedMap(quantities);
        this.problem = problem;
    }

    public static Demand of(List<OrderPlaced.Line> lines) {
        if (lines == null || lines.isEmpty()) {
            return invalid("the order has no lines");
        }
        SortedMap<String, Long> summed = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderPlaced.Line line = lines.get(i);
            if (line == null || line.sku() == null || line.sku().isBlank()) {
                return invalid("line " + (i + 1) + " has no SKU");
            }
            if (line.quantity() <= 0) {
                return invalid("line " + (i + 1) + " (" + clip(line.sku()) + ") has quantity " + line.quantity()
                        + ": quantities must be positive");
            }
            summed.merge(clip(line.sku()), (long) line.quantity(), Long::sum);
        }
        return new Demand(summed, null);
    }

    private static Demand invalid(String problem) {
        return new Demand(new TreeMap<>(), problem);
    }

    /** A reservation line cannot keep more of a code than this; longer codes cannot exist anyway. */
    private static String clip(String sku) {
        return sku.length() <= ReservationLine.MAX_SKU ? sku : sku.substring(0, ReservationLine.MAX_SKU);
    }

    public boolean isValid() {
        return problem == null;
    }

    /** Why the order cannot be served at all, or null. */
    public String problem() {
        return problem;
    }

    /** Quantity per SKU code, in code order (empty for an invalid order). */
    public SortedMap<String, Long> quantities() {
        return quantities;
    }

    /** The codes that can name a SKU at all, i.e. the ones worth locking and looking up. */
    public List<String> possibleCodes() {
        return quantities.keySet().stream().filter(Sku::isValidCode).collect(Collectors.toList());
    }

    /**
     * The SKUs the stock cannot serve, given the SKUs that exist ({@code found}, by code): unknown ones with
     * available 0 and {@code known} false, known ones with less available than asked for. Empty: all can be
     * reserved.
     */
    public List<ShortLine> shortLines(Map<String, Sku> found) {
        List<ShortLine> shortLines = new ArrayList<>();
        quantities.forEach((code, requested) -> {
            Sku sku = found.get(code);
            if (sku == null) {
                shortLines.add(new ShortLine(code, requested, 0, false));
            } else if (!sku.canReserve(requested)) {
                shortLines.add(new ShortLine(code, requested, Math.max(0, sku.available()), true));
            }
        });
        return shortLines;
    }

    /** The lines as a reservation keeps them, with the unit prices of the SKUs that exist. */
    public List<ReservationLine> lines(Map<String, Sku> found) {
        List<ReservationLine> lines = new ArrayList<>();
        quantities.forEach((code, quantity) -> {
            Sku sku = found.get(code);
            lines.add(new ReservationLine(code, quantity, sku == null ? null : sku.getUnitPrice()));
        });
        return lines;
    }

    /** A short, readable reason for a rejection because of {@code shortLines}. */
    public static String describe(List<ShortLine> shortLines) {
        return "not enough stock: " + shortLines.stream()
                .map(line -> line.known()
                        ? line.sku() + " requested " + line.requested() + ", available " + line.available()
                        : line.sku() + " is an unknown SKU")
                .collect(Collectors.joining("; "));
    }
}
