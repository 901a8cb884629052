package io.sedet.model;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.config.SDValue;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.SessionMemMgr;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The native arrays of one graph's executions, kept for reuse: SameDiff hands every intermediate
 * array back here once its last consumer has run, and the next request for the same data type,
 * shape and order takes it again. A training step requests the same shapes every time, so after
 * its first run it allocates nothing: no native allocation, no page faults, no garbage left for
 * the Java collector. Arrays given back beyond {@code maxFreeBytes} of free ones are closed.
 *
 * <p>Why not SameDiff's own: its {@code calculateGradients*} switch reuse off for the gradient
 * function (every array of a step then waits for the collector: a SED step's process grew to
 * 16.5 GB), and its {@code ArrayCacheMemoryMgr} tracks arrays by {@code getId()}, which is not
 * unique in ND4J 1.0.0-M2.1 (the id it re-assigns to a reused array can equal the next new
 * array's), so it could hand one array to two owners. This pool tracks arrays by identity and refuses an array given back
 * twice. {@link #attach} makes a graph's per-thread session use it. Thread-safe.
 */
public final class ArrayPool extends AbstractMemoryMgr {
    private record Key(DataType type, char order, long[] shape) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.type == type && k.order == order && Arrays.equals(k.shape, shape);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, order, Arrays.hashCode(shape));
        }
    }

    private final long maxFreeBytes;
    private final Map<Key, ArrayDeque<INDArray>> freeByKey = new HashMap<>();
    /** Every array in {@link #freeByKey}, by identity. */
    private final Set<INDArray> free = Collections.newSetFromMap(new IdentityHashMap<>());
    private long freeBytes;
    private long allocated;
    private long allocatedBytes;
    private long reused;

    /**
     * Keeps free arrays up to JavaCPP's {@code maxphysicalbytes} (the native-memory bound that
     * {@code ./sedet} sets, {@code SEDET_NATIVE_MEMORY}), without bound when none is set.
     */
    public ArrayPool() {
        this(Pointer.maxPhysicalBytes() > 0 ? Pointer.maxPhysicalBytes() : Long.MAX_VALUE);
    }

    /** @param maxFreeBytes the most bytes of free arrays kept for reuse */
    public ArrayPool(long maxFreeBytes) {
        this.maxFreeBytes = maxFreeBytes;
    }

    /**
     * Makes the calling thread's session of {@code sd} allocate from this pool and give finished
     * arrays back to it (a session is SameDiff's per-thread executor; replaced if it is not ours).
     */
    public void attach(SameDiff sd) {
        sd.setEnableCache(true);
        long thread = Thread.currentThread().getId();
        InferenceSession s = sd.getSessions().get(thread);
        if (!(s instanceof PooledSession p && p.pool == this)) {
            sd.getSessions().put(thread, new PooledSession(sd, this));
            if (s != null) {
                s.getMmgr().close();
            }
        }
    }

    /** Bytes of free arrays held for reuse. */
    public synchronized long freeBytes() {
        return freeBytes;
    }

    /**
     * What the pool has answered so far.
     *
     * @param newArrays  requests answered with a new array
     * @param newBytes   their bytes
     * @param reused     requests answered with a free array
     */
    public record Stats(long newArrays, long newBytes, long reused) {
    }

    public synchronized Stats stats() {
        return new Stats(allocated, allocatedBytes, reused);
    }

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        return take(new Key(dataType, 'c', shape.clone()));
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        if (descriptor.isEmpty()) {
            return Nd4j.create(descriptor);
        }
        return take(new Key(descriptor.dataType(), descriptor.getOrder(), descriptor.getShape().clone()));
    }

    private synchronized INDArray take(Key key) {
        ArrayDeque<INDArray> q = freeByKey.get(key);
        INDArray a = q == null ? null : q.poll();
        if (a == null) {
            a = Nd4j.createUninitializedDetached(key.type(), key.order(), key.shape());
            allocated++;
            allocatedBytes += bytes(a);
            return a;
        }
        reused++;
        free.remove(a);
        freeBytes -= bytes(a);
        return a;
    }

    /**
     * Takes an array allocated here back for reuse (it must not be used afterwards). Views and
     * arrays whose native buffer another array shares (libnd4j's reshape can make its output
     * share its input's) are not kept: the collector frees them.
     *
     * @throws IllegalStateException when the array is already free: two owners would otherwise
     *                               be handed the same array later
     */
    @Override
    public synchronized void release(INDArray a) {
        if (free.contains(a)) {
            throw new IllegalStateException("array " + Arrays.toString(a.shape()) + " was given back twice");
        }
        if (a.wasClosed() || a.isView() || a.data() == null || a.isEmpty()
                || Nd4j.getExecutioner().useCount(a.data()) > 1) {
            return;
        }
        long b = bytes(a);
        if (freeBytes + b > maxFreeBytes) {
            a.close();
            return;
        }
        free.add(a);
        freeByKey.computeIfAbsent(new Key(a.dataType(), a.ordering(), a.shape()), k -> new ArrayDeque<>()).push(a);
        freeBytes += b;
    }

    private static long bytes(INDArray a) {
        return a.data().length() * a.dataType().width();
    }

    /** Closes every free array. */
    @Override
    public synchronized void close() {
        free.forEach(INDArray::close);
        free.clear();
        freeByKey.clear();
        freeBytes = 0;
    }

    /**
     * A session that allocates from the pool, and makes up for two gaps of M2.1's session:
     * <ul>
     *   <li>it never releases an array whose consumers all lie outside the executed part of the
     *       graph (in a training graph: every gradient towards a placeholder, and the forward
     *       loss total): at the end of an execution, every array it was handed and did not give
     *       back, except those of the requested outputs, goes back to the pool;</li>
     *   <li>it remembers the id of every array it has released (so that an array is not released
     *       twice) and never forgets one, so a reused array would never be released again and a
     *       long run would accumulate millions of ids: an id is forgotten when its array is handed
     *       out again, and all of them when an execution starts. (New ids for reused arrays do
     *       not work: ND4J 1.0.0-M2.1 can give a re-assigned id to the next new array as well.)</li>
     * </ul>
     */
    private static final class PooledSession extends InferenceSession {
        private final ArrayPool pool;
        /** Arrays handed to this session in the current execution and not given back. */
        private final Set<INDArray> held = Collections.newSetFromMap(new IdentityHashMap<>());

        PooledSession(SameDiff sd, ArrayPool pool) {
            super(sd);
            this.pool = pool;
            SessionMemMgr own = getMmgr();
            setMmgr(new AbstractMemoryMgr() {
                @Override
                public INDArray allocate(boolean detached, DataType dataType, long... shape) {
                    return hold(pool.allocate(detached, dataType, shape));
                }

                @Override
                public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
                    return hold(pool.allocate(detached, descriptor));
                }

                @Override
                public void release(INDArray array) {
                    held.remove(array);
                    pool.release(array);
                }

                @Override
                public void close() {
                    // the pool outlives its sessions
                }
            });
            own.close();
        }

        private INDArray hold(INDArray a) {
            freedArrays.remove(a.getId());
            held.add(a);
            return a;
        }

        @Override
        protected Map<String, INDArray> preprocessPlaceholders(Map<String, INDArray> placeholders, At at) {
            freedArrays.clear();
            held.clear();
            return super.preprocessPlaceholders(placeholders, at);
        }

        @Override
        protected Map<String, SDValue> postProcessOutputValues(Map<String, SDValue> output) {
            Map<String, SDValue> out = super.postProcessOutputValues(output);
            Set<DataBuffer> requested = Collections.newSetFromMap(new IdentityHashMap<>());
            for (SDValue v : out.values()) {
                if (v.getTensorValue() != null) {
                    requested.add(v.getTensorValue().data());
                }
                if (v.getListValue() != null) {
                    v.getListValue().forEach(a -> requested.add(a.data()));
                }
            }
            for (INDArray a : held) {
                if (!requested.contains(a.data())) {
                    pool.release(a);
                }
            }
            held.clear();
            return out;
        }
    }
}
