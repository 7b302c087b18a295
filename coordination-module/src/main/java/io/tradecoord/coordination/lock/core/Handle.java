package io.tradecoord.coordination.lock.core;

import io.tradecoord.coordination.lock.LockHandle;
import io.tradecoord.coordination.lock.LockLossListener;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** One hold on a grant, as the caller sees it; releasing it twice gives back one hold only. */
final class Handle implements LockHandle {

    private final Hold hold;
    private final AtomicBoolean released = new AtomicBoolean();

    Handle(Hold hold) {
        this.hold = hold;
    }

    @Override
    public String key() {
        return hold.key();
    }

    @Override
    public long fencingToken() {
        return hold.fencingToken();
    }

    @Override
    public boolean isHeld() {
        return !released.get() && hold.isHeld();
    }

    @Override
    public boolean confirmHeld() {
        return !released.get() && hold.confirmHeld();
    }

    @Override
    public void ensureHeld() {
        if (released.get()) {
            throw new io.tradecoord.coordination.lock.LockLostException(key(),
                    io.tradecoord.coordination.lock.LockLostException.Reason.RELEASED, "this handle was released");
        }
        hold.ensureHeld();
    }

    @Override
    public void onLost(LockLossListener listener) {
        hold.addListener(this, Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void release() {
        if (released.compareAndSet(false, true)) {
            hold.exit();
        }
    }

    @Override
    public String toString() {
        return "LockHandle[" + key() + ", token " + fencingToken() + (isHeld() ? ", held" : ", not held") + "]";
    }
}
