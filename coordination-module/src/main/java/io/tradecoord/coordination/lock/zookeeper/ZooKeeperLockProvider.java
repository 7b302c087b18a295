package io.tradecoord.coordination.lock.zookeeper;

import io.tradecoord.coordination.lock.spi.LockGrant;
import io.tradecoord.coordination.lock.spi.LockProvider;
import io.tradecoord.coordination.lock.spi.LockProviderException;
import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;

/**
 * Locks in ZooKeeper through Curator's {@code InterProcessMutex} recipe (one sequential ephemeral node per
 * contender, each watching only its predecessor: no herd, no create/delete race). What this class adds:
 * <ul>
 * <li>fencing tokens: the lock node's creation zxid ({@link FencedMutex});</li>
 * <li>release from any thread: the mutex is thread-bound, so a release deletes our own lock node directly
 * ({@code delete().guaranteed()}, exactly what the recipe's release does), which also works after the session
 * was lost and the mutex's bookkeeping no longer matches the server (the trap of CURATOR-678);</li>
 * <li>the loss signal: SUSPENDED or LOST marks every grant lost, as Curator's error-handling notes require; a
 * grant is never trusted again after a reconnect.</li>
 * </ul>
 * A grant lasts as long as the session; the core adds the time-bounded lease on top.
 */
public final class ZooKeeperLockProvider implements LockProvider {

    private static final System.Logger LOG = System.getLogger(ZooKeeperLockProvider.class.getName());

    private final ZooKeeperSettings settings;
    private final CuratorFramework client;
    private volatile SessionLossListener sessionLossListener = detail -> { };

    public ZooKeeperLockProvider(ZooKeeperSettings settings) {
        this.settings = settings;
        this.client = CuratorFrameworkFactory.builder()
                .connectString(settings.connect())
                .sessionTimeoutMs(settings.sessionTimeoutMillis())
                .connectionTimeoutMs(settings.connectionTimeoutMillis())
                .namespace(settings.namespace())
                .retryPolicy(new ExponentialBackoffRetry(100, 5, 2_000))
                .build();
        client.getConnectionStateListenable().addListener((c, state) -> onConnectionState(state));
        client.start();
        boolean connected;
        try {
            connected = client.blockUntilConnected(settings.connectionTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connected = false;
        }
        if (!connected) {
            client.close();
            throw new LockProviderException("ZooKeeper at " + settings.connect() + " is not reachable within "
                    + settings.connectionTimeoutMillis() + " ms (set " + ZooKeeperSettings.CONNECT_KEY + ")", null);
        }
    }

    @Override
    public String name() {
        return "zookeeper";
    }

    /** Connected now, as Curator's connection state tells; no round trip (the session's own pings keep it current). */
    @Override
    public void probe() {
        if (!client.getZookeeperClient().isConnected()) {
            throw new LockProviderException("ZooKeeper at " + settings.connect() + " is not connected (state "
                    + client.getState() + "; the session is re-established when the server answers again)", null);
        }
    }

    /** The Curator client, for tests that simulate faults (session expiry). */
    public CuratorFramework client() {
        return client;
    }

    @Override
    public Optional<LockGrant> acquire(String key, String owner, Duration lease, Duration wait) throws InterruptedException {
        FencedMutex mutex = FencedMutex.create(client, lockPath(key));
        try {
            if (!mutex.acquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
            // the node lives as long as the session, so the lease is the holder's own: it starts now
            long leaseStart = System.nanoTime();
            String node = mutex.lockNodePath();
            try {
                return Optional.of(new LockGrant(key, owner, mutex.fencingToken(client), node, leaseStart));
            } catch (Exception e) {
                deleteQuietly(node);
                throw e;
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw unreachable("acquire lock '" + key + "'", e);
        }
    }

    @Override
    public boolean renew(LockGrant grant, Duration lease) {
        // the node lives as long as the session; "renewing" means checking that it still exists
        return isHeld(grant);
    }

    @Override
    public boolean isHeld(LockGrant grant) {
        try {
            return client.getZookeeperClient().isConnected() && client.checkExists().forPath((String) grant.providerState()) != null;
        } catch (Exception e) {
            throw unreachable("check lock '" + grant.key() + "'", e);
        }
    }

    @Override
    public void release(LockGrant grant) {
        deleteQuietly((String) grant.providerState());
    }

    @Override
    public void setSessionLossListener(SessionLossListener listener) {
        this.sessionLossListener = listener;
    }

    @Override
    public void close() {
        client.close();
    }

    private void onConnectionState(ConnectionState state) {
        if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
            sessionLossListener.sessionLost("ZooKeeper connection " + state + " (" + settings.connect() + ")");
        }
    }

    private void deleteQuietly(String node) {
        if (client.getState() != CuratorFrameworkState.STARTED) {
            return;
        }
        try {
            // guaranteed: Curator keeps retrying in the background until the delete succeeds or the node is gone
            client.delete().guaranteed().forPath(node);
        } catch (KeeperException.NoNodeException alreadyGone) {
            // the session ended and took the ephemeral node with it
        } catch (Exception e) {
            LOG.log(Level.WARNING, "deleting lock node " + node + " failed; Curator retries it in the background: " + e);
        }
    }

    private String lockPath(String key) {
        // any key is a valid single znode name once URL-encoded ('/' and '.' segments cannot appear)
        String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8);
        if (encoded.equals(".") || encoded.equals("..")) {
            encoded = encoded.replace(".", "%2E");
        }
        return "/locks/" + encoded;
    }

    private LockProviderException unreachable(String action, Exception e) {
        return new LockProviderException("ZooKeeper at " + settings.connect() + " could not " + action + " (check "
                + ZooKeeperSettings.CONNECT_KEY + "): " + e, e);
    }
}
