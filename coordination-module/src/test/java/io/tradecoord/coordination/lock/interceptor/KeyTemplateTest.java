package io.tradecoord.coordination.lock.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.lock.LockKey;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class KeyTemplateTest {

    @SuppressWarnings("unused")
    static class Target {
        void pay(@LockKey("orderId") String orderId, int amount) {
        }

        void move(@LockKey("from") String from, @LockKey("to") String to) {
        }

        void byName(String sku) {
        }
    }

    private static Method method(String name) {
        for (Method m : Target.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void replacesPlaceholdersByAnnotatedParameters() {
        assertEquals("order:42", KeyTemplate.parse("order:{orderId}", method("pay")).resolve(new Object[] {"42", 7}));
        assertEquals("move:a->b:end", KeyTemplate.parse("move:{from}->{to}:end", method("move")).resolve(new Object[] {"a", "b"}));
        assertEquals("global", KeyTemplate.parse("global", method("pay")).resolve(new Object[] {"1", 1}));
    }

    @Test
    void fallsBackToParameterNamesWhenCompiledWithParameters() {
        assertEquals("sku:X1", KeyTemplate.parse("sku:{sku}", method("byName")).resolve(new Object[] {"X1"}));
    }

    @Test
    void unknownPlaceholderAndNullValueAreNamed() {
        var unknown = assertThrows(IllegalStateException.class, () -> KeyTemplate.parse("order:{id}", method("pay")));
        assertTrue(unknown.getMessage().contains("no parameter named 'id'"), unknown.getMessage());
        var nullValue = assertThrows(IllegalArgumentException.class,
                () -> KeyTemplate.parse("order:{orderId}", method("pay")).resolve(new Object[] {null, 1}));
        assertTrue(nullValue.getMessage().contains("'orderId'"), nullValue.getMessage());
        assertThrows(IllegalStateException.class, () -> KeyTemplate.parse(" ", method("pay")));
    }
}
