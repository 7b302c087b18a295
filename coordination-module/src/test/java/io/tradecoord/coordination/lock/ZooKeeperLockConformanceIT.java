package io.tradecoord.coordination.lock;

import io.tradecoord.coordination.lock.core.LockManager;
import io.tradecoord.coordination.lock.spi.LockProvider;
import io.tradecoord.coordination.lock.zookeeper.ZooKeeperLockProvider;
import io.tradecoord.coordination.lock.zookeeper.ZooKeeperSettings;
import io.tradecoord.coordination.smoke.TestServices;
import org.apache.zookeeper.ZooKeeper;

/** The ZooKeeper backend against the real ZooKeeper of scripts/services.sh. */
class ZooKeeperLockConformanceIT extends LockConformanceSuite {

    @Override
    protected LockProvider newProvider() {
        return new ZooKeeperLockProvider(new ZooKeeperSettings(TestServices.ZOOKEEPER, 10_000, 5_000, "tradecoord-test"));
    }

    /** The server expires the holder's session: its ephemeral lock node goes, and Curator reports LOST. */
    @Override
    protected void provokeLoss(LockManager holder, CountingProvider holderProvider, LockHandle handle) throws Exception {
        ZooKeeperLockProvider zk = (ZooKeeperLockProvider) holderProvider.delegate;
        ZooKeeper session = zk.client().getZookeeperClient().getZooKeeper();
        // a second client on the same session id closes the session at the server: a real expiry for the holder
        try (ZooKeeper intruder = new ZooKeeper(TestServices.ZOOKEEPER, 10_000, event -> { },
                session.getSessionId(), session.getSessionPasswd())) {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (!intruder.getState().isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }
}
