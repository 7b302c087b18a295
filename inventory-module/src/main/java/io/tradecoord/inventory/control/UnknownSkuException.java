package io.tradecoord.inventory.control;

/** No SKU has this code. */
public class UnknownSkuException extends RuntimeException {

    private final String code;

    public UnknownSkuException(String code) {
        super("there is no SKU " + code);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
