package io.tradecoord.coordination.lock;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.lock.LockLostException.Reason;
import io.tradecoord.coordination.lock.core.LockManager;
import io.tradecoord.coordination.lock.fencing.FencedRecord;
import io.tradecoord.coordination.lock.fencing.FencedWrites;
import io.tradecoord.coordination.lock.fencing.FencingDatabase;
import io.tradecoord.coordination.lock.fencing.StaleFencingTokenException;
import io.tradecoord.coordination.lock.spi.LockProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ONE suite for every lock backend: each backend is a small subclass that says how to build its provider
 * against the real server and how to make a held lock get lost. Two managers stand for two nodes of a
 * cluster: they share nothing but the backend.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class LockConformanceSuite {

    protected static final Duration LONG_WAIT = Duration.ofSeconds(10);

    protected CountingProvider provider;
    /** node1's transactions, for re-entrancy (node2 has none: every acquisition there is a new one) */
    protected final TestTransactionScope transactions = new TestTransactionScope();
    protected LockManager node1;
    protected LockManager node2;
    protected ExecutorService threads;

    /** A new provider connected to the real backend; called twice per test (one per node). */
    protected abstract LockProvider newProvider();

    /**
     * Makes the backend drop {@code handle}'s lock behind its holder's back (kill the connection, expire the
     * session, restart the server...). The holder must notice.
     */
    protected abstract void provokeLoss(LockManager holder, CountingProvider holderProvider, LockHandle handle) throws Exception;

    /** A provider standing for the backend after a restart; by default just a new connection to the same server. */
    protected LockProvider restartedProvider() {
        return newProvider();
    }

    /**
     * The backend's name for {@link ExclusionProbe#main}, which runs a node in a second JVM; {@code null} for a
     * backend that only exists inside one JVM (its second node then runs in this JVM).
     */
    protected abstract String secondJvmBackend();

    /** Makes the backend lose the fencing counter of {@code key}, if it can lose it (a restart, a failover). */
    protected void forgetFencingCounter(String key) {
    }

    @BeforeEach
    void startNodes() {
        provider = new CountingProvider(newProvider());
        node1 = new LockManager(provider, Lease.renewing(Duration.ofSeconds(30)), transactions);
        node2 = new LockManager(newProvider(), Lease.renewing(Duration.ofSeconds(30)));
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopNodes() {
        threads.shutdownNow();
        node1.close();
        node2.close();
    }

    protected static String uniqueKey(String name) {
        return "test:" + name + ":" + UUID.randomUUID();
    }

    @Test
    void mutualExclusionKeepsAPlainCounterExact() throws Exception {
        String key = uniqueKey("counter");
        int threadsPerNode = 3;
        int increments = 60;
        long[] counter = {0};
        List<Future<?>> workers = new ArrayList<>();
        for (LockManager node : List.of(node1, node2)) {
            for (int t = 0; t < threadsPerNode; t++) {
                workers.add(threads.submit(() -> {
                    for (int i = 0; i < increments; i++) {
                        try (LockHandle h = node.acquire(key, LONG_WAIT)) {
                            long read = counter[0];
                            Thread.onSpinWait();
                            counter[0] = read + 1;
                        }
                    }
                    return null;
                }));
            }
        }
        for (Future<?> worker : workers) {
            worker.get(50, TimeUnit.SECONDS);
        }
        assertEquals(2L * threadsPerNode * increments, counter[0]);
    }

    /**
     * Two nodes in two JVMs (for the in-JVM backend: two nodes in this one), 8 threads each, 40 rounds per thread on
     * one key; PostgreSQL sees every entry and exit: no overlap ever, and a counter written by read-then-write under
     * the lock is exact.
     */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void mutualExclusionHoldsAcrossTwoJvmsAsPostgresSeesIt() throws Exception {
        int threadsPerNode = 8;
        int rounds = 40;
        String key = uniqueKey("two-jvms");
        String run = UUID.randomUUID().toString();
        ExclusionProbe.prepare(run);
        Process secondJvm = null;
        try {
            Future<?> otherNode;
            if (secondJvmBackend() == null) {
                otherNode = threads.submit(() -> {
                    ExclusionProbe.run(node2, key, run, threadsPerNode, rounds);
                    return null;
                });
            } else {
                secondJvm = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), ExclusionProbe.class.getName(),
                        secondJvmBackend(), key, run, Integer.toString(threadsPerNode), Integer.toString(rounds))
                        .redirectErrorStream(true).start();
                Process process = secondJvm;
                otherNode = threads.submit(() -> {
                    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    assertEquals(0, process.waitFor(), "the second JVM failed:\n" + output);
                    assertTrue(output.contains("probe done"), output);
                    return null;
                });
            }
            ExclusionProbe.run(node1, key, run, threadsPerNode, rounds);
            otherNode.get(150, TimeUnit.SECONDS);
        } finally {
            if (secondJvm != null) {
                secondJvm.destroyForcibly();
            }
            int[] result = ExclusionProbe.result(run);
            assertEquals(0, result[1], "overlapping holders seen by PostgreSQL");
            assertEquals(2 * threadsPerNode * rounds, result[0], "the counter written under the lock");
            assertEquals(0, result[2], "every holder left");
        }
    }

    @Test
    void aTakenLockTimesOutOtherCallers() throws Exception {
        String key = uniqueKey("timeout");
        try (LockHandle held = node1.acquire(key, LONG_WAIT)) {
            long started = System.nanoTime();
            LockTimeoutException e = assertThrows(LockTimeoutException.class,
                    () -> onOtherThread(() -> node2.acquire(key, Duration.ofMillis(300))));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(waitedMillis >= 280 && waitedMillis < 5_000, "waited " + waitedMillis + " ms");
            assertEquals(key, e.key());
            assertTrue(onOtherThread(() -> node2.tryAcquire(key)).isEmpty());
            assertTrue(held.isHeld());
        }
        assertTrue(onOtherThread(() -> node2.tryAcquire(key).map(h -> { h.release(); return true; })).orElse(false));
    }

    @Test
    void reentrantWithinOneTransactionWithoutASecondRoundTrip() throws Exception {
        String key = uniqueKey("reentrant");
        transactions.begin("tx-1");
        try (LockHandle outer = node1.acquire(key, LONG_WAIT)) {
            int acquiresBefore = provider.acquires.get();
            try (LockHandle inner = node1.acquire(key, Duration.ZERO)) {
                assertEquals(outer.fencingToken(), inner.fencingToken());
                assertEquals(acquiresBefore, provider.acquires.get(), "a nested acquire must not reach the backend");
            }
            assertTrue(outer.isHeld(), "giving back the inner hold keeps the outer one");
            assertTrue(onOtherThread(() -> node1.tryAcquire(key)).isEmpty(), "other threads of the same node still wait");
        } finally {
            transactions.end();
        }
        assertTrue(onOtherThread(() -> node2.tryAcquire(key).map(h -> { h.release(); return true; })).orElse(false));
    }

    /**
     * A pooled thread takes a lock, hands the handle to another thread (which releases it later) and goes on to
     * other work: it must not re-enter that lock for free, neither outside a transaction nor in its next one.
     */
    @Test
    void aThreadThatHandedItsHandleOnDoesNotReenterItsLock() throws Exception {
        String key = uniqueKey("handed-on");
        LockHandle handedOn = node1.acquire(key, LONG_WAIT);
        assertTrue(node1.tryAcquire(key).isEmpty(), "outside a transaction every acquisition is a new one");
        assertThrows(LockTimeoutException.class, () -> node1.acquire(key, Duration.ofMillis(200)));

        transactions.begin("tx-1");
        LockHandle inFirst;
        try {
            inFirst = node1.acquire(uniqueKey("other"), LONG_WAIT);
        } finally {
            transactions.end();
        }
        transactions.begin("tx-2");
        try {
            assertTrue(node1.tryAcquire(key).isEmpty(), "the next transaction of the same thread waits like anyone");
            assertTrue(node1.tryAcquire(inFirst.key()).isEmpty(), "and so for a hold of its earlier transaction");
        } finally {
            transactions.end();
        }
        onOtherThread(() -> {
            handedOn.release();
            inFirst.release();
            return null;
        });
        transactions.begin("tx-3");
        try (LockHandle free = node1.acquire(key, Duration.ofSeconds(2))) {
            assertTrue(free.isHeld(), "free once the other thread released it");
        } finally {
            transactions.end();
        }
    }

    @Test
    void aHandleCanBeReleasedFromAnotherThread() throws Exception {
        String key = uniqueKey("cross-thread");
        LockHandle handle = onOtherThread(() -> node1.acquire(key, LONG_WAIT));
        onOtherThread(() -> { handle.release(); return null; });
        assertFalse(handle.isHeld());
        LockHandle next = onOtherThread(() -> node2.acquire(key, Duration.ofSeconds(2)));
        assertTrue(next.fencingToken() > handle.fencingToken());
        next.release();
    }

    @Test
    void fencingTokensStrictlyIncreasePerKey() throws Exception {
        String key = uniqueKey("fencing");
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < 12; i++) {
            LockManager node = i % 2 == 0 ? node1 : node2;
            LockHandle handle = onOtherThread(() -> node.acquire(key, LONG_WAIT));
            assertTrue(handle.fencingToken() > previous, "token " + handle.fencingToken() + " after " + previous);
            previous = handle.fencingToken();
            handle.release();
        }
    }

    /** Rows keep tokens across restarts: a backend that lost its counter must still grant larger ones. */
    @Test
    void tokensStayAboveEarlierOnesAfterTheBackendRestarted() throws Exception {
        String key = uniqueKey("restart");
        long before;
        try (LockHandle handle = node1.acquire(key, LONG_WAIT)) {
            before = handle.fencingToken();
        }
        forgetFencingCounter(key);
        LockManager restarted = new LockManager(restartedProvider(), Lease.renewing(Duration.ofSeconds(30)));
        try (LockHandle handle = restarted.acquire(key, LONG_WAIT)) {
            assertTrue(handle.fencingToken() > before, "token after the restart " + handle.fencingToken() + " > " + before);
        } finally {
            restarted.close();
        }
    }

    @Test
    void anExpiredLeaseLetsTheNextHolderInAndTheLateReleaseChangesNothing() throws Exception {
        String key = uniqueKey("expiry");
        AtomicReference<LockLostException> lost = new AtomicReference<>();
        CountDownLatch lossSeen = new CountDownLatch(1);
        LockHandle first = node1.acquire(key, LONG_WAIT, Lease.fixed(Duration.ofMillis(400)));
        first.onLost((h, reason) -> { lost.set(reason); lossSeen.countDown(); });

        LockHandle second = onOtherThread(() -> node2.acquire(key, LONG_WAIT, Lease.renewing(Duration.ofSeconds(5))));
        assertTrue(second.fencingToken() > first.fencingToken());
        assertTrue(lossSeen.await(5, TimeUnit.SECONDS), "the first holder is told its lease ran out");
        assertEquals(Reason.LEASE_EXPIRED, lost.get().reason());
        assertFalse(first.isHeld());
        assertThrows(LockLostException.class, first::ensureHeld);

        first.release(); // late release: must not free the second holder's lock
        assertTrue(second.isHeld());
        assertTrue(onOtherThread(() -> node1.tryAcquire(key)).isEmpty(), "the late release must not delete the successor's lock");
        second.release();
    }

    @Test
    void renewalKeepsALongHolderAliveAndStopsAtRelease() throws Exception {
        String key = uniqueKey("renewal");
        LockHandle holder = node1.acquire(key, LONG_WAIT, Lease.renewing(Duration.ofMillis(300)));
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_200);
        while (System.nanoTime() < until) {
            assertTrue(holder.isHeld());
            assertTrue(onOtherThread(() -> node2.tryAcquire(key)).isEmpty());
            Thread.sleep(100);
        }
        assertTrue(provider.renewals.get() >= 2, "renewals so far: " + provider.renewals.get());
        holder.release();
        int renewalsAtRelease = provider.renewals.get();

        LockHandle next = onOtherThread(() -> node2.acquire(key, Duration.ofSeconds(2), Lease.fixed(Duration.ofSeconds(5))));
        Thread.sleep(700); // more than two renewal periods of the released lease
        assertEquals(renewalsAtRelease, provider.renewals.get(), "the watchdog must stop exactly at release");
        assertTrue(next.isHeld());
        next.release();
    }

    /** A lease starts when the backend grants it, not when the caller started waiting. */
    @Test
    void aLeaseIsCountedFromTheGrantNotFromTheStartOfTheWait() throws Exception {
        String fixedKey = uniqueKey("wait-fixed");
        String renewingKey = uniqueKey("wait-renewing");
        LockHandle fixedBlocker = node1.acquire(fixedKey, LONG_WAIT);
        LockHandle renewingBlocker = node1.acquire(renewingKey, LONG_WAIT);
        threads.submit(() -> {
            Thread.sleep(1_200);
            fixedBlocker.release();
            renewingBlocker.release();
            return null;
        });

        // waits ~1.2 s for leases of 800 ms (fixed) and 1.5 s (renewing, whose watchdog would renew at 500 ms)
        Future<LockHandle> fixed = threads.submit(() -> node2.acquire(fixedKey, LONG_WAIT, Lease.fixed(Duration.ofMillis(800))));
        Future<LockHandle> renewing = threads.submit(() -> node2.acquire(renewingKey, LONG_WAIT, Lease.renewing(Duration.ofMillis(1_500))));
        LockHandle fixedHandle = fixed.get(30, TimeUnit.SECONDS);
        LockHandle renewingHandle = renewing.get(30, TimeUnit.SECONDS);
        assertTrue(fixedHandle.isHeld(), "a fixed lease shorter than the wait is not born lost");
        assertTrue(renewingHandle.isHeld(), "a renewing lease is not born lost");
        Thread.sleep(1_000);
        assertTrue(renewingHandle.isHeld(), "a renewing lease stays held after a long wait");
        assertDoesNotThrow(renewingHandle::ensureHeld);
        fixedHandle.release();
        renewingHandle.release();
    }

    @Test
    void aLockLostBehindTheHoldersBackIsSignalled() throws Exception {
        String key = uniqueKey("loss");
        LockHandle handle = node1.acquire(key, LONG_WAIT, Lease.renewing(Duration.ofMillis(600)));
        CompletableFuture<LockLostException> loss = new CompletableFuture<>();
        handle.onLost((h, reason) -> loss.complete(reason));

        provokeLoss(node1, provider, handle);

        LockLostException reason = loss.get(20, TimeUnit.SECONDS);
        assertNotEquals(Reason.RELEASED, reason.reason());
        assertFalse(handle.isHeld());
        assertThrows(LockLostException.class, handle::ensureHeld);
        LockHandle next = onOtherThread(() -> node2.acquire(key, Duration.ofSeconds(15)));
        assertTrue(next.fencingToken() > handle.fencingToken());
        handle.release(); // cleanup after a loss must not disturb the new holder
        assertTrue(next.isHeld());
        next.release();
    }

    @Test
    void multiKeyLocksInOppositeOrderNeverDeadlock() throws Exception {
        String a = uniqueKey("a");
        String b = uniqueKey("b");
        int rounds = 15;
        Future<?> ab = threads.submit(() -> {
            for (int i = 0; i < rounds; i++) {
                try (LockSet set = node1.acquireAll(List.of(a, b), LONG_WAIT)) {
                    assertTrue(set.isHeld());
                }
            }
            return null;
        });
        Future<?> ba = threads.submit(() -> {
            for (int i = 0; i < rounds; i++) {
                try (LockSet set = node2.acquireAll(List.of(b, a), LONG_WAIT)) {
                    assertEquals(List.of(a, b).stream().sorted().toList(), List.copyOf(set.handles().keySet()));
                }
            }
            return null;
        });
        ab.get(40, TimeUnit.SECONDS);
        ba.get(40, TimeUnit.SECONDS);
    }

    @Test
    void multiKeyIsAllOrNothing() throws Exception {
        String a = uniqueKey("a");
        String b = uniqueKey("b");
        LockHandle blocker = onOtherThread(() -> node2.acquire(b, LONG_WAIT));
        assertThrows(LockTimeoutException.class, () -> onOtherThread(() -> node1.acquireAll(Set.of(a, b), Duration.ofMillis(300))));
        Optional<LockHandle> aFree = onOtherThread(() -> node2.tryAcquire(a));
        assertTrue(aFree.isPresent(), "keys taken before the timeout are given back");
        aFree.get().release();
        blocker.release();
    }

    /**
     * The stale-writer scenario end to end: A's lease runs out while it is paused, B takes the lock and writes,
     * A resumes and writes with its old token: the database rejects A's write and keeps B's.
     */
    @Test
    void aStaleHoldersWriteIsRejectedByTheFencingCheck() throws Exception {
        String key = uniqueKey("stale-writer");
        String rowId = key;
        try (FencingDatabase db = new FencingDatabase()) {
            LockHandle a = node1.acquire(key, LONG_WAIT, Lease.fixed(Duration.ofMillis(400)));
            db.inTransaction(em -> FencedWrites.persist(em, new FencedRecord(rowId, "written by A"), a.fencingToken()));

            Thread.sleep(700); // A pauses (a long GC, a slow call) past its lease

            try (LockHandle b = onOtherThread(() -> node2.acquire(key, LONG_WAIT))) {
                db.inTransaction(em -> FencedWrites.update(em, FencedRecord.class, rowId, b.fencingToken(),
                        r -> r.content("written by B")));
            }

            StaleFencingTokenException rejected = assertThrows(StaleFencingTokenException.class,
                    () -> db.inTransaction(em -> FencedWrites.update(em, FencedRecord.class, rowId, a.fencingToken(),
                            r -> r.content("late write by A"))));
            assertEquals(a.fencingToken(), rejected.presentedToken());
            assertFalse(a.isHeld());
            assertEquals("written by B", db.inTransaction(em -> em.find(FencedRecord.class, rowId)).content());
            a.release();
        }
    }

    /** Braces (Redis hash tags), '/' and '.' (ZooKeeper paths), non-ASCII: each key is its own lock on every backend. */
    @Test
    void keysThatLookAlikeToABackendAreDistinctLocks() throws Exception {
        String base = uniqueKey("alike");
        List<String> keys = List.of(base + "{a}b", base + "{a}c", base + "{a", base + "/x", base + "/./x", base + "..",
                base + "ü", base + "u", base + "\uD83D\uDE00", base + "?", base + "%2F");
        List<LockHandle> held = new ArrayList<>();
        for (String key : keys) {
            held.add(node1.acquire(key, Duration.ZERO));
        }
        for (String key : keys) {
            assertTrue(onOtherThread(() -> node2.tryAcquire(key)).isEmpty(), "taken: " + key);
        }
        held.forEach(LockHandle::release);
        for (String key : keys) {
            onOtherThread(() -> node2.acquire(key, Duration.ofSeconds(2))).release();
        }
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        assertEquals("a lock key must not be empty",
                assertThrows(IllegalArgumentException.class, () -> node1.acquire("", LONG_WAIT)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> node1.acquire("x".repeat(LockKeys.MAX_LENGTH + 1), LONG_WAIT));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> node1.acquire("bad\nkey", LONG_WAIT))
                .getMessage().contains("control characters"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> node1.acquire("nul\u0000key", LONG_WAIT))
                .getMessage().contains("control characters"));
        for (String unpaired : List.of("a\uD800", "a\uDC00b", "\uDBFFx", "x\uDC00\uD800")) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> node1.acquire(unpaired, LONG_WAIT))
                    .getMessage().contains("unpaired surrogate"), unpaired);
        }
        assertThrows(IllegalArgumentException.class, () -> node1.acquire("k", Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> Lease.fixed(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> node1.acquireAll(List.of(), LONG_WAIT));
        assertThrows(IllegalArgumentException.class, () -> node1.acquire(null, LONG_WAIT));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lease.fixed(Duration.ofDays(200_000)))
                .getMessage().contains("at most"), "a lease whose end cannot be counted is refused");
        assertThrows(IllegalArgumentException.class, () -> Lease.renewing(Lease.MAX.plusMillis(1)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> node1.acquire("k", Duration.ofDays(200_000)))
                .getMessage().contains("at most"), "a wait whose end cannot be counted is refused");
        assertThrows(IllegalArgumentException.class, () -> node1.acquireAll(List.of("a", "b"), Duration.ofDays(200_000)));
    }

    /** A lock of node1 held for a transaction that has not committed yet, and what its holder is told of a loss. */
    protected record HeldForCommit(LockHandle handle, RecordingTransaction transaction, CompletableFuture<LockLostException> lost) {
    }

    /** Takes {@code key} on node1 (renewing lease of 30 s) for a transaction that checks it at commit and then releases it. */
    protected HeldForCommit holdForCommit(String key) {
        LockHandle handle = node1.acquire(key, LONG_WAIT, Lease.renewing(Duration.ofSeconds(30)));
        CompletableFuture<LockLostException> lost = new CompletableFuture<>();
        handle.onLost((h, reason) -> lost.complete(reason));
        RecordingTransaction transaction = new RecordingTransaction();
        io.tradecoord.coordination.lock.interceptor.CommitGuard.register(transaction, handle, true);
        return new HeldForCommit(handle, transaction, lost);
    }

    protected <T> T onOtherThread(java.util.concurrent.Callable<T> work) throws Exception {
        try {
            return threads.submit(work).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
