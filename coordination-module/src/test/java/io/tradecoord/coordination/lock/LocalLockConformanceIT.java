package io.tradecoord.coordination.lock;

import io.tradecoord.coordination.lock.core.LockManager;
import io.tradecoord.coordination.lock.local.LocalLockProvider;
import io.tradecoord.coordination.lock.spi.LockProvider;

/** The in-JVM backend: both "nodes" share one registry, as all modules of an EAR do. */
class LocalLockConformanceIT extends LockConformanceSuite {

    private LocalLockProvider registry;

    @Override
    protected String secondJvmBackend() {
        return null;
    }

    @Override
    protected LockProvider newProvider() {
        // the suite asks once per node; both get the same registry (a fresh one per test instance)
        if (registry == null) {
            registry = new LocalLockProvider();
        }
        return registry;
    }

    /** A restart (or redeploy) of the EAR: a new runtime, a new registry, its token counter starts again. */
    @Override
    protected LockProvider restartedProvider() {
        return new LocalLockProvider();
    }

    @Override
    protected void provokeLoss(LockManager holder, CountingProvider holderProvider, LockHandle handle) {
        // the only way an in-JVM lock is lost behind its holder's back: the runtime closes (undeploy)
        holder.close();
    }
}
