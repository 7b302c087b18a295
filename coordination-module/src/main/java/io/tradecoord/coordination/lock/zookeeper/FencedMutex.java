package io.tradecoord.coordination.lock.zookeeper;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.locks.StandardLockInternalsDriver;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;

/**
 * Curator's {@link InterProcessMutex} (sequential ephemeral node, watch on the predecessor only) that also
 * learns its lock node's creation zxid, which is the fencing token: ZooKeeper orders every change in one total
 * order, so a later holder's node always has a larger {@code czxid}, even after the container parent was
 * deleted and its sequence numbers restarted. The zxid comes from the create itself (create2), at no extra
 * round trip. One instance per acquisition.
 */
final class FencedMutex extends InterProcessMutex {

    private final FencingDriver driver;

    private FencedMutex(CuratorFramework client, String path, FencingDriver driver) {
        super(client, path, driver);
        this.driver = driver;
    }

    static FencedMutex create(CuratorFramework client, String path) {
        return new FencedMutex(client, path, new FencingDriver());
    }

    /** Our lock node, once acquired. */
    String lockNodePath() {
        return getLockPath();
    }

    /** The creation zxid of our lock node, read from the create's result or, after a retried create, from the node. */
    long fencingToken(CuratorFramework client) throws Exception {
        if (driver.czxid != 0) {
            return driver.czxid;
        }
        Stat stat = client.checkExists().forPath(lockNodePath());
        if (stat == null) {
            throw new IllegalStateException("lock node " + lockNodePath() + " vanished right after it was acquired");
        }
        return stat.getCzxid();
    }

    /** Creates the lock node exactly as the standard driver does, keeping the Stat of the create. */
    private static final class FencingDriver extends StandardLockInternalsDriver {
        private volatile long czxid;

        @Override
        public String createsTheLock(CuratorFramework client, String path, byte[] lockNodeBytes) throws Exception {
            Stat stat = new Stat();
            String ourPath = client.create().storingStatIn(stat).creatingParentContainersIfNeeded().withProtection()
                    .withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(path, lockNodeBytes == null ? new byte[0] : lockNodeBytes);
            // a protected create that was retried after a connection loss may come back without a Stat (czxid 0)
            czxid = stat.getCzxid();
            return ourPath;
        }
    }
}
