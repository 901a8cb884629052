/**
 * The Java API: {@link io.sedet.api.Detector} (load a trained model, detect
 * {@link io.sedet.api.DetectedObject}s in a {@code BufferedImage}) and {@link io.sedet.api.Training}
 * (a config from a preset or file with settings changed, a run with a
 * {@link io.sedet.api.Training.Listener} of its steps). The CLI is built on the same classes.
 */
package io.sedet.api;
