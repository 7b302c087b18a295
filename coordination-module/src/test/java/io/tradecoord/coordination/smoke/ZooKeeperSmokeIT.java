package io.tradecoord.coordination.smoke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/** A real round trip with Curator: an ephemeral node is created, read back and removed. */
class ZooKeeperSmokeIT {

    @Test
    void createReadDeleteEphemeralNode() throws Exception {
        try (CuratorFramework curator = CuratorFrameworkFactory.newClient(TestServices.ZOOKEEPER, 15_000, 5_000,
                new ExponentialBackoffRetry(200, 3))) {
            curator.start();
            if (!curator.blockUntilConnected(10, TimeUnit.SECONDS)) {
                throw TestServices.unreachable("ZooKeeper", TestServices.ZOOKEEPER, new IllegalStateException("no connection in 10 s"));
            }
            String path = "/smoke/" + UUID.randomUUID();
            byte[] data = "hello".getBytes(StandardCharsets.UTF_8);

            curator.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, data);
            Stat stat = new Stat();
            assertArrayEquals(data, curator.getData().storingStatIn(stat).forPath(path));
            assertEquals(curator.getZookeeperClient().getZooKeeper().getSessionId(), stat.getEphemeralOwner());

            curator.delete().forPath(path);
            assertNull(curator.checkExists().forPath(path));
        }
    }
}
