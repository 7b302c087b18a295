package io.tradecoord.coordination.bus.spi;

/** The broker could not be reached or refused an operation; the message names the server and the config key. */
public class BusTransportException extends RuntimeException {

    public BusTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
