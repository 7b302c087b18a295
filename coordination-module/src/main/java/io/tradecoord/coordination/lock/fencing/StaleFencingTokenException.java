package io.tradecoord.coordination.lock.fencing;

import io.tradecoord.coordination.lock.LockException;

/**
 * A write carried an older fencing token than the one the row already has: its lock was lost (lease ran out,
 * session expired) and a later holder has written since. Nothing was changed.
 */
public class StaleFencingTokenException extends LockException {

    private final long storedToken;
    private final long presentedToken;

    public StaleFencingTokenException(String what, long storedToken, long presentedToken) {
        super(what + " was written with fencing token " + storedToken + "; a write with the older token "
                + presentedToken + " is rejected (its lock was lost to a later holder)");
        this.storedToken = storedToken;
        this.presentedToken = presentedToken;
    }

    public long storedToken() {
        return storedToken;
    }

    public long presentedToken() {
        return presentedToken;
    }
}
