package io.tradecoord.coordination.lock.interceptor;

import io.tradecoord.coordination.lock.LockHandle;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/** The locks taken by {@code @Locked} calls on this thread, innermost last: how the two interceptor halves meet. */
public final class CurrentLocks {

    /** One {@code @Locked} call in progress. */
    public static final class Frame {
        public final LockHandle handle;
        /** the transactions (their keys) that check the lock at commit: the caller's, and each one begun inside */
        private final Set<Object> guardedTransactions = new HashSet<>(2);

        Frame(LockHandle handle) {
            this.handle = handle;
        }

        /** set when a transaction's commit check could not confirm the lock and rolled it back */
        private volatile boolean refusedAtCommit;

        /** Makes {@code transaction} check this lock right before it commits, once per transaction. */
        void guard(TransactionSynchronizationRegistry transaction, boolean releaseAfterwards) {
            if (guardedTransactions.add(transaction.getTransactionKey())) {
                CommitGuard.register(transaction, handle, releaseAfterwards, () -> refusedAtCommit = true);
            }
        }

        /** Whether a commit check of this lock rolled its transaction back. */
        boolean refusedAtCommit() {
            return refusedAtCommit;
        }

        /** Whether a transaction checks the lock right before it commits. */
        boolean checkedAtCommit() {
            return !guardedTransactions.isEmpty();
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

    /** The innermost call of this thread whose lock on {@code key} is still held, or null. */
    static Frame holding(String key) {
        Deque<Frame> stack = STACK.get();
        if (stack.isEmpty()) {
            STACK.remove(); // leave nothing on a pooled thread
            return null;
        }
        for (Frame frame : stack) { // innermost first
            if (frame.handle.key().equals(key) && frame.handle.isHeld()) {
                return frame;
            }
        }
        return null;
    }

    public static Frame innermost() {
        return STACK.get().peek();
    }
}
