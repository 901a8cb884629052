/**
 * Pretrained backbones, brought by the user as files (nothing is downloaded):
 * {@link io.sedet.pretrained.SafeTensors} reads the safetensors format,
 * {@link io.sedet.pretrained.TorchvisionResNet} maps torchvision's ResNet-18/34/50 state dict onto
 * this project's backbone, {@link io.sedet.pretrained.BackboneImport} checks and writes the
 * backbone file that {@code init=B.sedet} trains from — what {@code sedet import-backbone} runs.
 */
package io.sedet.pretrained;
