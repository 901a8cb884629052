package io.sedet.data;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * Prepares the next {@code depth} items on a background thread while the caller computes.
 * Items are produced by a pure function of their index, so prefetching changes nothing but
 * timing.
 */
public final class Prefetcher<T> implements AutoCloseable {
    private final LongFunction<T> maker;
    private final int depth;
    private final ExecutorService pool;
    private final ArrayDeque<Future<T>> queue = new ArrayDeque<>();
    private long next;

    public Prefetcher(LongFunction<T> maker, long start, int depth) {
        this.maker = maker;
        this.depth = depth;
        this.next = start;
        this.pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sedet-batches");
            t.setDaemon(true);
            return t;
        });
    }

    /** The item of the next index (blocks until it is ready). */
    public T take() {
        while (queue.size() < depth + 1) {
            long i = next++;
            queue.add(pool.submit(() -> maker.apply(i)));
        }
        try {
            return queue.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("making a batch failed: " + c, c);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
