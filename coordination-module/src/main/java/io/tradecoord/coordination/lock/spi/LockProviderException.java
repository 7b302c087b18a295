package io.tradecoord.coordination.lock.spi;

import io.tradecoord.coordination.lock.LockException;

/** The lock backend could not be reached or answered with an error; the message names server and config key. */
public class LockProviderException extends LockException {

    public LockProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
