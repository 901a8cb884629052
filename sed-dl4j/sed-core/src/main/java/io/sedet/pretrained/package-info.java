/**
 * Pretrained backbones, brought by the user as files (nothing is downloaded):
 * {@link io.sedet.pretrained.SafeTensors} reads the safetensors format,
 * {@link io.sedet.pretrained.TorchvisionResNet} maps torchvision's ResNet-18/34/50 state dict onto
 * this project's backbone, {@link io.sedet.pretrained.Dl4jZooResNet} maps the DL4J zoo's ResNet-50
 * (a ComputationGraph, read with DL4J) onto the Caffe-style backbone
 * ({@link io.sedet.model.BackboneSpec.Style#CAFFE}), {@link io.sedet.pretrained.BackboneImport} checks and writes the
 * backbone file that {@code init=B.sedet} trains from — what {@code sedet import-backbone} runs.
 */
package io.sedet.pretrained;
