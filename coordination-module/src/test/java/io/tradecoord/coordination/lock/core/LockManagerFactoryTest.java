package io.tradecoord.coordination.lock.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.lock.Lease;
import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import io.tradecoord.coordination.runtime.MapConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lock manager a deployment gets from MicroProfile Config. */
class LockManagerFactoryTest {

    @Test
    void theDefaultLeaseIsConfigurableWithinTheBoundsOfALease() {
        try (LockManager locks = LockManagerFactory.create(MapConfig.of(Map.of(LockManagerFactory.LEASE_KEY, "45000")))) {
            assertEquals(Lease.renewing(Duration.ofSeconds(45)), locks.defaultLease());
        }
        for (String bad : new String[] {"9", "0", "-1", "86400001", "200000000000000", "soon"}) {
            var e = assertThrows(InvalidConfigurationException.class,
                    () -> LockManagerFactory.create(MapConfig.of(Map.of(LockManagerFactory.LEASE_KEY, bad))), bad);
            assertEquals(LockManagerFactory.LEASE_KEY, e.key(), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }
}
