package io.tradecoord.ear.flowprobe;

import io.tradecoord.coordination.lock.DistributedLocks;
import io.tradecoord.coordination.lock.LockHandle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /flow-recorder/api/holds?key=...}: takes a product lock (on the configured backend, renewed) and keeps
 * it until {@code DELETE /flow-recorder/api/holds?key=...}: a product handler that needs the key then times out, as
 * behind a stuck holder, and its event ends in the dead letters.
 */
@Path("holds")
@ApplicationScoped
public class HoldsResource {

    private final Map<String, LockHandle> held = new ConcurrentHashMap<>();

    @Inject
    DistributedLocks locks;

    @POST
    public Response hold(@QueryParam("key") String key) {
        held.computeIfAbsent(key, k -> locks.acquire(k, Duration.ofSeconds(30)));
        return Response.noContent().build();
    }

    @DELETE
    public Response release(@QueryParam("key") String key) {
        LockHandle handle = held.remove(key);
        if (handle == null) {
            return Response.status(404).build();
        }
        handle.release();
        return Response.noContent().build();
    }
}
