package io.tradecoord.ear.cluster;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * What a two-node run leaves on the shared servers, removed at its end: its Kafka topics and consumer groups (one
 * prefix), its RabbitMQ exchanges and the modules' queues, its Redis keys and its ZooKeeper namespace. RabbitMQ queue
 * names carry no prefix: the modules' queues are also removed before a run, so that none left by an aborted run, bound
 * to another exchange, refuses this run's declaration.
 */
final class Leftovers {

    /** The modules of the cluster EAR, by the names the bus knows them (their queues are named module.topic.pN). */
    static final Set<String> MODULES = Set.of("order-module", "inventory-module", "member-module", "flow-recorder", "lock-probe");

    private Leftovers() {
    }

    /** The settings that keep a run's names apart from every other user of the servers. */
    static List<String> isolating(String run) {
        return List.of("coordination.kafka.topic-prefix=" + run + ".", "coordination.rabbitmq.exchange=" + run,
                "coordination.redis.key-prefix=" + run + ":", "coordination.zookeeper.namespace=" + run);
    }

    static void removeModuleQueues() throws Exception {
        Process list = new ProcessBuilder("rabbitmqctl", "-q", "list_queues", "name").redirectErrorStream(true).start();
        List<String> names = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(q -> MODULES.stream().anyMatch(m -> q.startsWith(m + "."))).toList();
        if (!list.waitFor(60, TimeUnit.SECONDS) || list.exitValue() != 0) {
            throw new IllegalStateException("rabbitmqctl list_queues failed: " + names);
        }
        try (Connection connection = rabbitMq(); Channel channel = connection.createChannel()) {
            for (String queue : names) {
                channel.queueDelete(queue);
            }
        }
    }

    private static Connection rabbitMq() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri("amqp://guest:guest@127.0.0.1:5672/%2F");
        return factory.newConnection("cluster-test-cleanup");
    }

    static void remove(Backends backends, String run) throws Exception {
        if (backends.bus.equals("kafka")) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092"))) {
                List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(t -> t.startsWith(run + ".")).toList();
                admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
                List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream().map(g -> g.groupId())
                        .filter(g -> g.startsWith(run + ".")).toList();
                admin.deleteConsumerGroups(groups).all().get(60, TimeUnit.SECONDS);
            }
        } else {
            removeModuleQueues();
            try (Connection connection = rabbitMq(); Channel channel = connection.createChannel()) {
                channel.exchangeDelete(run);
                channel.exchangeDelete(run + ".dead");
            }
        }
        if (backends.locks.equals("redis")) {
            try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(run + ":*").count(500));
                    if (!page.getResult().isEmpty()) {
                        jedis.del(page.getResult().toArray(String[]::new));
                    }
                    cursor = page.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            }
        } else {
            try (CuratorFramework zk = CuratorFrameworkFactory.newClient("127.0.0.1:2181", new RetryOneTime(500))) {
                zk.start();
                zk.blockUntilConnected(20, TimeUnit.SECONDS);
                if (zk.checkExists().forPath("/" + run) != null) {
                    zk.delete().deletingChildrenIfNeeded().forPath("/" + run);
                }
            }
        }
    }
}
