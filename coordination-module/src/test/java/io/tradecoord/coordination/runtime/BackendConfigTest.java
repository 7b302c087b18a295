package io.tradecoord.coordination.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackendConfigTest {

    @Test
    void parsesEveryBackendCaseInsensitively() {
        assertEquals(LockBackend.LOCAL, LockBackend.fromConfig("local"));
        assertEquals(LockBackend.REDIS, LockBackend.fromConfig(" Redis "));
        assertEquals(LockBackend.ZOOKEEPER, LockBackend.fromConfig("ZOOKEEPER"));
        assertEquals(BusBackend.RABBITMQ, BusBackend.fromConfig("rabbitmq"));
        assertEquals(BusBackend.KAFKA, BusBackend.fromConfig("kafka"));
        assertEquals("zookeeper", LockBackend.ZOOKEEPER.configValue());
    }

    @Test
    void unknownBackendNamesTheKeyAndTheChoices() {
        var e = assertThrows(InvalidConfigurationException.class, () -> LockBackend.fromConfig("etcd"));
        assertEquals("coordination.lock.backend", e.key());
        assertTrue(e.getMessage().contains("'etcd'"), e.getMessage());
        assertTrue(e.getMessage().contains("local, redis, zookeeper"), e.getMessage());

        var bus = assertThrows(InvalidConfigurationException.class, () -> BusBackend.fromConfig(""));
        assertEquals("coordination.bus.backend", bus.key());
        assertTrue(bus.getMessage().contains("local, rabbitmq, kafka"), bus.getMessage());
    }

    @Test
    void runtimeIsOnePerClassLoaderAndKnowsTheBuildVersion() {
        assertTrue(CoordinationRuntime.current() == CoordinationRuntime.current());
        String version = CoordinationRuntime.current().applicationVersion();
        assertTrue(version != null && !version.isBlank() && !version.contains("${"), version);
    }
}
