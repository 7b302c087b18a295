package io.tradecoord.coordination.lock;

/** Base of the lock exceptions. */
public class LockException extends RuntimeException {

    public LockException(String message) {
        super(message);
    }

    public LockException(String message, Throwable cause) {
        super(message, cause);
    }
}
