package io.tradecoord.ear.cluster;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Reads a number every 10 ms on a thread of its own while a load runs, keeping the lowest value seen. */
final class Sampler implements AutoCloseable {

    private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private Sampler(LongSupplier reading) {
        thread = new Thread(() -> {
            while (running) {
                long value = reading.getAsLong();
                min.accumulateAndGet(value, Math::min);
                samples.incrementAndGet();
                Trading.sleep(10);
            }
        }, "sampler");
        thread.setDaemon(true);
        thread.start();
    }

    static Sampler of(LongSupplier reading) {
        return new Sampler(reading);
    }

    long min() {
        return min.get();
    }

    long samples() {
        return samples.get();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
