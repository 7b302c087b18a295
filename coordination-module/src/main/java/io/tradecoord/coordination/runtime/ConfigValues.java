package io.tradecoord.coordination.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parsing of configuration values with errors that name the key to fix. */
final class ConfigValues {

    private ConfigValues() {
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
