package io.tradecoord.coordination.bus.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaSettingsTest {

    @Test
    void defaults() {
        KafkaSettings settings = KafkaSettings.defaults();
        assertEquals("127.0.0.1:9092", settings.bootstrapServers());
        assertEquals("", settings.topicPrefix());
        assertEquals(4, settings.partitions());
        assertEquals(KafkaSettings.AUTO_REPLICATION_FACTOR, settings.replicationFactor());
        assertEquals(10_000, settings.requestTimeoutMs());
        assertEquals(200, settings.pollTimeoutMs());
    }

    @Test
    void namesWithAndWithoutPrefix() {
        KafkaSettings plain = KafkaSettings.defaults();
        assertEquals("order.placed", plain.kafkaTopic("order.placed"));
        assertEquals("inventory-module.dead-letters", plain.deadLetterTopic("inventory-module"));
        assertEquals("inventory-module.order.placed", plain.groupId("inventory-module", "order.placed"));

        KafkaSettings prefixed = new KafkaSettings("a:1, b:2", "staging.", 4, 1, 10_000, 200);
        assertEquals("staging.order.placed", prefixed.kafkaTopic("order.placed"));
        assertEquals("staging.inventory-module.dead-letters", prefixed.deadLetterTopic("inventory-module"));
        assertEquals("staging.inventory-module.order.placed", prefixed.groupId("inventory-module", "order.placed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:9092", "kafka-1:9092,kafka-2:9092", " kafka:9092 , [::1]:9093 "})
    void acceptsServerLists(String servers) {
        assertEquals(servers.strip(), new KafkaSettings(servers, "", 4, 1, 10_000, 200).bootstrapServers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "kafka", "kafka:", "kafka:0", "kafka:70000", "kafka:9092,", "kafka:x"})
    void refusesMalformedServers(String servers) {
        assertRefused(KafkaSettings.BOOTSTRAP_SERVERS_KEY, () -> new KafkaSettings(servers, "", 4, 1, 10_000, 200));
    }

    @Test
    void refusesOtherBadValuesNamingTheKey() {
        assertRefused(KafkaSettings.TOPIC_PREFIX_KEY, () -> new KafkaSettings("k:1", "bad prefix/", 4, 1, 10_000, 200));
        assertRefused(KafkaSettings.TOPIC_PREFIX_KEY, () -> new KafkaSettings("k:1", null, 4, 1, 10_000, 200));
        assertRefused(KafkaSettings.PARTITIONS_KEY, () -> new KafkaSettings("k:1", "", 0, 1, 10_000, 200));
        assertRefused(KafkaSettings.REPLICATION_FACTOR_KEY, () -> new KafkaSettings("k:1", "", 4, -1, 10_000, 200));
        assertRefused(KafkaSettings.REPLICATION_FACTOR_KEY, () -> KafkaSettings.parseReplicationFactor("0"));
        assertRefused(KafkaSettings.REPLICATION_FACTOR_KEY, () -> KafkaSettings.parseReplicationFactor("three"));
        assertRefused(KafkaSettings.REPLICATION_FACTOR_KEY, () -> new KafkaSettings("k:1", "", 4, 40_000, 10_000, 200));
        assertRefused(KafkaSettings.REQUEST_TIMEOUT_KEY, () -> new KafkaSettings("k:1", "", 4, 1, 0, 200));
        assertRefused(KafkaSettings.POLL_TIMEOUT_KEY, () -> new KafkaSettings("k:1", "", 4, 1, 10_000, -1));
    }

    private static void assertRefused(String key, Runnable construction) {
        var e = assertThrows(InvalidConfigurationException.class, construction::run);
        assertEquals(key, e.key());
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void autoReplicationTakesAMajorityQuorumOfThreeWhereTheClusterHasThem() {
        KafkaSettings auto = KafkaSettings.defaults();
        assertEquals(KafkaSettings.AUTO_REPLICATION_FACTOR, KafkaSettings.parseReplicationFactor(" Auto "));
        assertEquals(1, auto.replicationFactorFor(1));
        assertEquals(2, auto.replicationFactorFor(2));
        assertEquals(3, auto.replicationFactorFor(3));
        assertEquals(3, auto.replicationFactorFor(7));
        assertEquals(1, KafkaSettings.minInSyncReplicas(1));
        assertEquals(1, KafkaSettings.minInSyncReplicas(2));
        assertEquals(2, KafkaSettings.minInSyncReplicas(3));
        assertEquals(3, KafkaSettings.minInSyncReplicas(5));
        KafkaSettings two = new KafkaSettings("k:1", "", 4, KafkaSettings.parseReplicationFactor("2"), 10_000, 200);
        assertEquals(2, two.replicationFactorFor(5), "a configured factor is taken as it is");
    }
}
