package io.tradecoord.coordination.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * Reading of the library's configuration values (MicroProfile Config) with errors that name the key to fix: every
 * factory reads its keys through these, with the defaults its settings class declares.
 */
public final class ConfigValues {

    private ConfigValues() {
    }

    /** The value of {@code key} without surrounding blanks, or {@code defaultValue} when unset. */
    public static String text(Config config, String key, String defaultValue) {
        return config.getOptionalValue(key, String.class).map(String::strip).orElse(defaultValue);
    }

    /** The whole number of {@code key}, or {@code defaultValue} when unset; anything else names the key. */
    public static long wholeNumber(Config config, String key, long defaultValue) {
        String raw = text(config, key, null);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(key, raw, "expected a whole number");
        }
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String key, String value) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(ConfigValues::configValue)
                .collect(Collectors.joining(", "));
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationException(key, value, "it is empty; use one of " + allowed);
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, value, "use one of " + allowed);
        }
    }

    static String configValue(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
