package io.tradecoord.coordination.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.lock.LockTimeoutException;
import jakarta.json.bind.JsonbException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ProblemMappingTest {

    @Test
    void anUnknownFieldIsNamedWithoutOurClassNames() {
        Problem problem = ProblemMapping.problemOf(new UncheckedIOException("reading the body", new java.io.IOException(
                new JsonbException("Json property coupon can not be mapped to a class class io.tradecoord.order.boundary.PlaceOrderRequest."))));
        assertEquals(400, problem.status());
        assertEquals("Unknown field", problem.title());
        assertEquals("coupon", problem.toJson().getString("field"));
        assertFalse(problem.toJson().toString().contains("io.tradecoord"), problem.toJson().toString());
    }

    @Test
    void otherJsonFailuresAreMalformedJsonWithoutPackageNames() {
        Problem problem = ProblemMapping.problemOf(new JsonbException("Unable to deserialize property 'quantity' of io.tradecoord.order.boundary.Line: expected a whole number"));
        assertEquals(400, problem.status());
        assertEquals("Malformed JSON", problem.title());
        assertTrue(problem.detail().contains("property 'quantity' of Line: expected a whole number"), problem.detail());
    }

    @Test
    void aProblemExceptionAnywhereInTheChainIsAnsweredAsItIs() {
        ProblemException tooLarge = new ProblemException(new Problem(413, "Request body too large", "at most 65536 bytes"));
        Problem problem = ProblemMapping.problemOf(new JsonbException("read failed", tooLarge));
        assertEquals(413, problem.status());
        assertEquals("Request body too large", problem.title());
    }

    @Test
    void lockContentionIsAnsweredAsBusy() {
        Problem problem = ProblemMapping.problemOf(new LockTimeoutException("sku:A", java.time.Duration.ofSeconds(1)));
        assertEquals(503, problem.status());
    }

    /** Redis or ZooKeeper away (a restart, a failover) is an outage the client waits out, not a bug of ours. */
    @Test
    void anUnreachableLockServiceIsAnsweredAsUnavailable() {
        var unreachable = new io.tradecoord.coordination.lock.spi.LockProviderException("Redis at redis://127.0.0.1:6379 is not reachable: "
                + "Unexpected end of stream.", new RuntimeException("Unexpected end of stream."));
        Problem problem = ProblemMapping.problemOf(new RuntimeException("wrapped by an interceptor", unreachable));
        assertEquals(503, problem.status());
        assertFalse(problem.toJson().containsKey("incident"), problem.toJson().toString());
        assertFalse(problem.toJson().toString().contains("127.0.0.1"), "where the servers are is not the client's business: " + problem.toJson());
    }

    @Test
    void anythingElseIsAnInternalErrorWithAnIncidentIdAndNoDetailsOfTheFailure() {
        Problem problem = ProblemMapping.problemOf(new IllegalStateException("password=secret"));
        assertEquals(500, problem.status());
        assertFalse(problem.toJson().toString().contains("secret"));
        assertTrue(problem.detail().contains(problem.toJson().getString("incident")));
    }
}
