package io.tradecoord.coordination.runtime;

/** A configuration value the coordination library cannot work with; the message names the key to fix. */
public class InvalidConfigurationException extends RuntimeException {

    private final String key;

    public InvalidConfigurationException(String key, String value, String reason) {
        super("Invalid configuration " + key + "=" + (value == null ? "(unset)" : "'" + value + "'") + ": " + reason);
        this.key = key;
    }

    /** The MicroProfile Config key whose value is wrong. */
    public String key() {
        return key;
    }
}
