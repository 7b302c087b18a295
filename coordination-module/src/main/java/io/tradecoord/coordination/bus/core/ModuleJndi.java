package io.tradecoord.coordination.bus.core;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/** JNDI look-ups in the calling module's context (the request thread, or a contextual proxy of the module). */
final class ModuleJndi {

    private ModuleJndi() {
    }

    /** The module's name ({@code java:module/ModuleName}), e.g. {@code order-module}. */
    static String moduleName() {
        return lookup("java:module/ModuleName", String.class);
    }

    static <T> T lookup(String name, Class<T> type) {
        try {
            return type.cast(new InitialContext().lookup(name));
        } catch (NamingException e) {
            throw new IllegalStateException("JNDI look-up of " + name + " failed in this module: " + e.getMessage(), e);
        }
    }
}
