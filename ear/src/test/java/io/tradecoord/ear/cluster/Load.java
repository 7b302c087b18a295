package io.tradecoord.ear.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Buyers placing orders over both nodes. Buyer i goes to node {@code 1 + i % 2} first; when a node does not answer or
 * answers 5xx (a node killed, a backend away), the buyer sends the same request with the same Idempotency-Key to the
 * other node, as a client behind a load balancer would, until it is accepted or its patience ends.
 */
final class Load {

    /** What the buyers saw: the orders accepted (202), every answer by status, and the buyers who gave up. */
    record Outcome(Set<String> accepted, Map<String, Integer> acceptedBy, Map<Integer, Long> answers, long unanswered, List<String> gaveUp,
            long millis) {

        long answered(int status) {
            return answers.getOrDefault(status, 0L);
        }

        long serverErrors() {
            return answers.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
        }

        double perSecond() {
            return accepted.size() * 1000.0 / Math.max(1, millis);
        }
    }

    private Load() {
    }

    /**
     * Places {@code count} orders with {@code buyers} in parallel; buyer i starts no earlier than {@code i * spacing} after
     * the first (zero: all at once) and sends {@code order.apply(i)}.
     */
    static Outcome orders(Trading trading, int count, int buyers, Duration spacing, IntFunction<String> order, Duration patience) {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Map<String, Integer> acceptedBy = new ConcurrentHashMap<>();
        Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
        AtomicLong unanswered = new AtomicLong();
        List<String> gaveUp = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int buyer = i;
                running.add(pool.submit(() -> {
                    long due = start + buyer * spacing.toNanos();
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Trading.sleep(TimeUnit.NANOSECONDS.toMillis(wait));
                    }
                    String key = UUID.randomUUID().toString();
                    String json = order.apply(buyer);
                    long deadline = System.nanoTime() + patience.toNanos();
                    int node = 1 + buyer % 2;
                    while (true) {
                        Optional<Http.Reply> reply = trading.place(node, json, key);
                        reply.ifPresentOrElse(r -> answers.computeIfAbsent(r.status(), s -> new AtomicLong()).incrementAndGet(),
                                unanswered::incrementAndGet);
                        if (reply.isPresent() && reply.get().status() == 202) {
                            String id = reply.get().json().getString("orderId");
                            accepted.add(id);
                            acceptedBy.put(id, node);
                            return;
                        }
                        if (reply.isPresent() && reply.get().status() < 500) {
                            gaveUp.add("buyer " + buyer + ": " + reply.get().status() + " " + reply.get().body());
                            return;
                        }
                        if (System.nanoTime() > deadline) {
                            gaveUp.add("buyer " + buyer + ": no acceptance within " + patience.toSeconds() + " s, last "
                                    + reply.map(r -> r.status() + " " + r.body()).orElse("no answer"));
                            return;
                        }
                        node = 3 - node;
                        Trading.sleep(250);
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        Map<Integer, Long> byStatus = new TreeMap<>();
        answers.forEach((status, n) -> byStatus.put(status, n.get()));
        return new Outcome(accepted, acceptedBy, byStatus, unanswered.get(), gaveUp, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
}
