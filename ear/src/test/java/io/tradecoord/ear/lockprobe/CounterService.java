package io.tradecoord.ear.lockprobe;

import io.tradecoord.coordination.lock.DistributedLocks;
import io.tradecoord.coordination.lock.Lease;
import io.tradecoord.coordination.lock.LockHandle;
import io.tradecoord.coordination.lock.LockKey;
import io.tradecoord.coordination.lock.Locked;
import io.tradecoord.coordination.lock.fencing.FencedWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

@ApplicationScoped
public class CounterService {

    @PersistenceContext
    EntityManager em;

    @Inject
    DistributedLocks locks;

    @Transactional
    public void create(String id) {
        em.persist(new ProbeCounter(id));
    }

    /**
     * A read-modify-write without any database lock: only the distributed lock keeps concurrent increments from
     * losing updates, and only if it is held until the transaction has committed.
     */
    @Locked(key = "probe-counter:{id}", waitMillis = 20_000)
    @Transactional
    public long increment(@LockKey("id") String id) throws InterruptedException {
        ProbeCounter counter = em.find(ProbeCounter.class, id);
        long read = counter.getValue();
        Thread.sleep(2); // widen the window a missing lock would leave open
        counter.setValue(read + 1);
        return read + 1;
    }

    /** Holds a fixed 300 ms lease but works longer: the lock is lost before commit, so nothing may be written. */
    @Locked(key = "probe-counter:{id}", waitMillis = 5_000, leaseMillis = 300)
    @Transactional
    public long slowIncrement(@LockKey("id") String id, long pauseMillis) throws InterruptedException {
        ProbeCounter counter = em.find(ProbeCounter.class, id);
        counter.setValue(counter.getValue() + 1);
        Thread.sleep(pauseMillis);
        return counter.getValue();
    }

    /** Nested @Locked calls on the same key re-enter instead of deadlocking. */
    @Locked(key = "probe-counter:{id}")
    @Transactional
    public long incrementTwiceNested(@LockKey("id") String id) throws InterruptedException {
        increment(id);
        return self().increment(id);
    }

    /** The programmatic API with a fenced write. */
    @Transactional
    public long fencedSet(String id, long value) {
        try (LockHandle handle = locks.acquire("probe-counter:" + id, Duration.ofSeconds(5))) {
            FencedWrites.update(em, ProbeCounter.class, id, handle.fencingToken(), counter -> counter.setValue(value));
            return handle.fencingToken();
        }
    }

    /** The fencing token of each hold that {@link #holdThenFencedSet} has taken and not yet ended, by hold id. */
    private final Map<String, Long> holding = new ConcurrentHashMap<>();

    /**
     * Takes the lock (3 s lease, renewed), reports the hold, works for {@code holdMillis}, then writes with its token
     * without asking whether it still holds the lock: a JVM paused past its lease (SIGSTOP in the two-node tests) wakes
     * up and writes late, and only the fencing token at the row can refuse that write.
     */
    @Transactional
    public long holdThenFencedSet(String id, long value, String holdId, long holdMillis) throws InterruptedException {
        try (LockHandle handle = locks.acquire("probe-counter:" + id, Duration.ofSeconds(30), Lease.renewing(Duration.ofSeconds(3)))) {
            holding.put(holdId, handle.fencingToken());
            try {
                Thread.sleep(holdMillis);
                FencedWrites.update(em, ProbeCounter.class, id, handle.fencingToken(), counter -> counter.setValue(value));
                return handle.fencingToken();
            } finally {
                holding.remove(holdId);
            }
        }
    }

    /** The token of a hold in progress, or null. */
    public Long heldBy(String holdId) {
        return holding.get(holdId);
    }

    @Transactional
    public long[] read(String id) {
        ProbeCounter counter = em.find(ProbeCounter.class, id);
        return new long[] {counter.getValue(), counter.getFencingToken()};
    }

    @Inject
    jakarta.enterprise.inject.Instance<CounterService> selfInstance;

    private CounterService self() {
        return selfInstance.get();
    }
}
