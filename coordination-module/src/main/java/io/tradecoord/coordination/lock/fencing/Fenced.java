package io.tradecoord.coordination.lock.fencing;

/**
 * A JPA entity whose writes are fenced: it stores the fencing token of the last lock grant that wrote it
 * (map it to a {@code NOT NULL} column, e.g. {@code fencing_token BIGINT NOT NULL DEFAULT 0}).
 * Write through {@link FencedWrites} so that the check and the write happen under one row lock.
 */
public interface Fenced {

    long getFencingToken();

    void setFencingToken(long fencingToken);
}
