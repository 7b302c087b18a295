package io.tradecoord.coordination.lock;

/** What a lock key may be. */
public final class LockKeys {

    public static final int MAX_LENGTH = 256;

    private LockKeys() {
    }

    /** @throws IllegalArgumentException naming what is wrong with the key */
    public static String requireValid(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a lock key must not be empty");
        }
        if (key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a lock key must be at most " + MAX_LENGTH + " characters, was "
                    + key.length() + ": '" + key.substring(0, 40) + "...'");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("a lock key must not contain control characters (U+"
                        + String.format("%04X", (int) c) + " at index " + i + ")");
            }
            // an unpaired surrogate has no UTF-8 form: backends would store '?', and distinct keys would collide
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("a lock key must be valid Unicode (unpaired surrogate U+"
                        + String.format("%04X", (int) c) + " at index " + i + ")");
            }
        }
        if (key.isBlank()) {
            throw new IllegalArgumentException("a lock key must not be blank");
        }
        return key;
    }
}
