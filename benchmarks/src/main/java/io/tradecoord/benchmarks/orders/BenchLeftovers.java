package io.tradecoord.benchmarks.orders;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * What one benchmark configuration left on the shared servers, named by its run id (run-orders.sh sets it as the Kafka
 * topic prefix, the RabbitMQ exchange, the Redis key prefix and the ZooKeeper namespace): removed after it ran. The
 * modules' RabbitMQ queues carry no prefix and are removed by their module names.
 */
final class BenchLeftovers {

    private static final List<String> MODULES = List.of("order-module.", "inventory-module.", "member-module.");

    private BenchLeftovers() {
    }

    static void remove(String run, String locks, String bus) throws Exception {
        if (bus.equals("kafka")) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092"))) {
                admin.deleteTopics(admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(t -> t.startsWith(run + ".")).toList())
                        .all().get(60, TimeUnit.SECONDS);
                admin.deleteConsumerGroups(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                        .map(ConsumerGroupListing::groupId).filter(g -> g.startsWith(run + ".")).toList()).all().get(60, TimeUnit.SECONDS);
            }
        } else if (bus.equals("rabbitmq")) {
            Process list = new ProcessBuilder("rabbitmqctl", "-q", "list_queues", "name").redirectErrorStream(true).start();
            List<String> queues = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(q -> MODULES.stream().anyMatch(q::startsWith)).toList();
            list.waitFor(60, TimeUnit.SECONDS);
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri("amqp://guest:guest@127.0.0.1:5672/%2F");
            try (Connection connection = factory.newConnection("bench-cleanup"); Channel channel = connection.createChannel()) {
                for (String queue : queues) {
                    channel.queueDelete(queue);
                }
                channel.exchangeDelete(run);
                channel.exchangeDelete(run + ".dead");
            }
        }
        if (locks.equals("redis")) {
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
        } else if (locks.equals("zookeeper")) {
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
