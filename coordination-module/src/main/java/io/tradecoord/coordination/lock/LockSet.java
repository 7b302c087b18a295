package io.tradecoord.coordination.lock;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Several locks taken together by {@link DistributedLocks#acquireAll}; closing releases all of them. */
public final class LockSet implements AutoCloseable {

    private final Map<String, LockHandle> handles;

    public LockSet(List<LockHandle> inAcquisitionOrder) {
        var map = new LinkedHashMap<String, LockHandle>();
        inAcquisitionOrder.forEach(h -> map.put(h.key(), h));
        this.handles = Collections.unmodifiableMap(map);
    }

    /** The handles in the order they were taken (the canonical order). */
    public Map<String, LockHandle> handles() {
        return handles;
    }

    public LockHandle get(String key) {
        LockHandle handle = handles.get(key);
        if (handle == null) {
            throw new NoSuchElementException("key '" + key + "' is not part of this lock set " + handles.keySet());
        }
        return handle;
    }

    public long fencingToken(String key) {
        return get(key).fencingToken();
    }

    public boolean isHeld() {
        return handles.values().stream().allMatch(LockHandle::isHeld);
    }

    public void ensureHeld() {
        handles.values().forEach(LockHandle::ensureHeld);
    }

    /** Releases every lock, in reverse acquisition order. */
    public void release() {
        List<LockHandle> reversed = new java.util.ArrayList<>(handles.values());
        Collections.reverse(reversed);
        RuntimeException failure = null;
        for (LockHandle handle : reversed) {
            try {
                handle.release();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        release();
    }
}
