package io.tradecoord.inventory.control;

/** A SKU with this code exists already. */
public class SkuExistsException extends RuntimeException {

    private final String code;

    public SkuExistsException(String code) {
        super("SKU " + code + " exists already");
        this.code = code;
    }

    public String code() {
        return code;
    }
}
