package io.tradecoord.coordination.lock;

import java.time.Duration;

/** The lock could not be had within the allowed wait. */
public class LockTimeoutException extends LockException {

    private final String key;

    public LockTimeoutException(String key, Duration wait) {
        super("lock '" + key + "' not acquired within " + wait.toMillis() + " ms");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
