package io.sedet.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * libnd4j's fused {@code batchnorm} op (oneDNN on the CPU, cuDNN on CUDA) with a gradient that works.
 *
 * <p>Inputs {@code x [B, C, H, W]}, {@code mean [C]}, {@code var [C]}, {@code gamma [C]},
 * {@code beta [C]}; output {@code gamma·(x − mean)/√(var + ε) + beta}, normalised over axis 1.
 * The backward is libnd4j's {@code batchnorm_bp}, which returns the full gradient with respect to
 * {@code x} for mean and var being the batch statistics of {@code x} (training-mode BatchNorm) and
 * zero for mean and var themselves — so the mean/var fed in must be the batch statistics, and the
 * op is for training mode only.
 *
 * <p>Why not {@code sd.nn().batchNorm}: in DL4J 1.0.0-M2.1 SameDiff clones every op through
 * FlatBuffers when it builds the gradient function, and the clone of
 * {@code org.nd4j...BatchNorm} loses its axis field, so its {@code doDiff} fails ("axis must be
 * specified"). The clone is created from the class registered for the op's hash; {@link #register()}
 * registers this class for {@code batchnorm}, whose {@code doDiff} reads the axis from the integer
 * arguments that the clone keeps.
 */
public final class BatchNormOp extends DynamicCustomOp {
    private static volatile boolean registered;

    /** For the FlatBuffers clone: arguments are restored from the serialised op. */
    public BatchNormOp() {
    }

    /**
     * @param axis the channel axis (1 for NCHW)
     */
    public BatchNormOp(SameDiff sd, SDVariable x, SDVariable mean, SDVariable var, SDVariable gamma, SDVariable beta,
                       double epsilon, int axis) {
        super(null, sd, new SDVariable[] {x, mean, var, gamma, beta}, false);
        register();
        addIArgument(1, 1, axis); // apply gamma, apply beta, axis
        addTArgument(epsilon);
    }

    @Override
    public String opName() {
        return "batchnorm";
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> inputTypes) {
        return List.of(inputTypes.get(0));
    }

    /** The clone's arguments come back as integer/float arguments; named properties are not used. */
    @Override
    public void setPropertiesForFunction(Map<String, Object> properties) {
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradOut) {
        SDVariable[] in = Arrays.copyOf(args(), args().length + 1);
        in[in.length - 1] = gradOut.get(0);
        long[] iArgs = iArguments.stream().mapToLong(Long::longValue).toArray();
        return Arrays.asList(new Backward(sameDiff, in, iArgs, tArguments.get(0)).outputVariables());
    }

    /** {@code batchnorm_bp}: outputs dL/dx, dL/dmean (0), dL/dvar (0), dL/dgamma, dL/dbeta. */
    public static final class Backward extends DynamicCustomOp {
        public Backward() {
        }

        Backward(SameDiff sd, SDVariable[] inputs, long[] iArgs, double epsilon) {
            super(null, sd, inputs, false);
            addIArgument(iArgs);
            addTArgument(epsilon);
        }

        @Override
        public String opName() {
            return "batchnorm_bp";
        }

        /** The op descriptor says 3 (its minimum); with gamma and beta applied there are 5. */
        @Override
        public int getNumOutputs() {
            return 5;
        }

        @Override
        public List<DataType> calculateOutputDataTypes(List<DataType> inputTypes) {
            List<DataType> out = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                out.add(inputTypes.get(0));
            }
            return out;
        }
    }

    /** Makes SameDiff's op cloning create this class for {@code batchnorm} (see the class comment). */
    @SuppressWarnings("unchecked")
    static void register() {
        if (registered) {
            return;
        }
        synchronized (BatchNormOp.class) {
            if (registered) {
                return;
            }
            try {
                DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
                Field f = DifferentialFunctionClassHolder.class.getDeclaredField("customOpHashToClass");
                f.setAccessible(true);
                ((Map<Long, Class<?>>) f.get(holder)).put(Nd4j.getExecutioner().getCustomOperations().get("batchnorm").getHash(), BatchNormOp.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot register the BatchNorm op with ND4J "
                        + "(this code is written for nd4j 1.0.0-M2.1): " + e, e);
            }
            registered = true;
        }
    }
}
