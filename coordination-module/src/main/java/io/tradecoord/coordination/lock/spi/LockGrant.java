package io.tradecoord.coordination.lock.spi;

/**
 * A grant made by a {@link LockProvider}.
 *
 * @param key           the lock key, as given by the caller
 * @param owner         the unique owner token of this acquisition
 * @param fencingToken  larger than the token of every earlier grant of the same key
 * @param providerState what the provider needs to renew or release the grant (e.g. a ZooKeeper node path)
 */
public record LockGrant(String key, String owner, long fencingToken, Object providerState) {
}
