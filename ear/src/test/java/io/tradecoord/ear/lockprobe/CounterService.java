package io.tradecoord.ear.lockprobe;

import io.tradecoord.coordination.lock.DistributedLocks;
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
