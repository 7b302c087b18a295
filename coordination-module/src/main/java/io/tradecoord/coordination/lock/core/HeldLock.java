package io.tradecoord.coordination.lock.core;

/**
 * A lock this runtime holds now, as an operator sees it.
 *
 * @param key               the lock key
 * @param fencingToken      the token of the grant
 * @param heldMillis        since the backend granted it
 * @param leaseLeftMillis   until its lease ends unless renewed (a renewing lease is renewed at a third of it)
 */
public record HeldLock(String key, long fencingToken, long heldMillis, long leaseLeftMillis) {
}
