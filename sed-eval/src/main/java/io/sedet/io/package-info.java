/**
 * The input and output plumbing every module shares, below evaluation and everything else:
 * {@link io.sedet.io.InputException} (the one error type for bad input: the file or setting and what
 * is wrong; the CLI prints it as one line and exits 2), {@link io.sedet.io.InputFiles} (checked reads
 * that name the file; atomic, durable writes: a temporary beside the target, fsync, rename),
 * {@link io.sedet.io.JsonFiles} (JSON trees whose syntax errors give the line and column; small
 * records written atomically) and {@link io.sedet.io.Fields} (typed field access naming the element,
 * e.g. {@code annotations[12].bbox}).
 */
package io.sedet.io;
