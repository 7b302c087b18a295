package io.tradecoord.coordination.lock.spi;

/**
 * A grant made by a {@link LockProvider}.
 *
 * @param key           the lock key, as given by the caller
 * @param owner         the unique owner token of this acquisition
 * @param fencingToken  larger than the token of every earlier grant of the same key
 * @param providerState what the provider needs to renew or release the grant (e.g. a ZooKeeper node path)
 * @param leaseStart    {@link System#nanoTime()} no later than the moment the backend started this grant's lease
 *                      (for a remote backend: taken before the request that won the grant was sent); the holder
 *                      counts its lease from here, so it never believes in more time than the backend gave,
 *                      however long the caller waited before
 */
public record LockGrant(String key, String owner, long fencingToken, Object providerState, long leaseStart) {
}
