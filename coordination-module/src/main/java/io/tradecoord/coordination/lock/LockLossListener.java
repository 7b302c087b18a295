package io.tradecoord.coordination.lock;

/** Told when a held lock is lost. */
@FunctionalInterface
public interface LockLossListener {

    void lockLost(LockHandle handle, LockLostException reason);
}
