package io.sedet.kernels.exec;

/** An Aparapi kernel could not run where it was asked to (compile error, device failure). */
public final class KernelFailedException extends RuntimeException {
    public KernelFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
