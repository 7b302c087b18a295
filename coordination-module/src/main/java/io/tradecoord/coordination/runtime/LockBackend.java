package io.tradecoord.coordination.runtime;

/** Where distributed locks are kept; chosen with {@value #CONFIG_KEY}. */
public enum LockBackend {
    /** In-JVM registry shared by all modules of the EAR: the embedded default, needs no server. */
    LOCAL,
    /** Redis through Jedis. */
    REDIS,
    /** ZooKeeper through Curator recipes. */
    ZOOKEEPER;

    public static final String CONFIG_KEY = "coordination.lock.backend";

    public static LockBackend fromConfig(String value) {
        return ConfigValues.parseEnum(LockBackend.class, CONFIG_KEY, value);
    }

    public String configValue() {
        return ConfigValues.configValue(this);
    }
}
