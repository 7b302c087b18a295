package io.tradecoord.coordination.runtime;

/**
 * What a module reports about itself at {@code GET /<module>/api/about}.
 *
 * @param module      the module's name, e.g. {@code order}
 * @param version     the application version
 * @param lockBackend the configured value of {@code coordination.lock.backend}
 * @param busBackend  the configured value of {@code coordination.bus.backend}
 * @param runtimeId   the id of the JVM-wide coordination runtime this module uses; equal for all modules of one EAR
 */
public record ModuleDescription(String module, String version, String lockBackend, String busBackend, String runtimeId) {
}
