package io.tradecoord.coordination.lock.interceptor;

import io.tradecoord.coordination.lock.LockHandle;
import java.util.ArrayDeque;
import java.util.Deque;

/** The locks taken by {@code @Locked} calls on this thread, innermost last: how the two interceptor halves meet. */
public final class CurrentLocks {

    /** One {@code @Locked} call in progress. */
    public static final class Frame {
        public final LockHandle handle;
        /** set by the guard: a transaction checks the lock right before it commits */
        volatile boolean checkedAtCommit;

        Frame(LockHandle handle) {
            this.handle = handle;
        }
    }

    private static final ThreadLocal<Deque<Frame>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

    private CurrentLocks() {
    }

    static Frame push(LockHandle handle) {
        Frame frame = new Frame(handle);
        STACK.get().push(frame);
        return frame;
    }

    static void pop(Frame frame) {
        Deque<Frame> stack = STACK.get();
        stack.remove(frame);
        if (stack.isEmpty()) {
            STACK.remove();
        }
    }

    public static Frame innermost() {
        return STACK.get().peek();
    }
}
