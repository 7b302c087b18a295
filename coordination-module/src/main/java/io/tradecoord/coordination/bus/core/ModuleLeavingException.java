package io.tradecoord.coordination.bus.core;

/**
 * A delivery failed while its module was leaving the bus: the transport must not acknowledge it, so that it comes
 * again once the module runs (here after a redeploy, or on another node).
 */
final class ModuleLeavingException extends Exception {

    private static final long serialVersionUID = 1L;

    ModuleLeavingException(String message, Throwable cause) {
        super(message, cause);
    }
}
