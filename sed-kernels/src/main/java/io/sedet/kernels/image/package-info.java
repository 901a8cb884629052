/**
 * Image preparation as Aparapi kernels over planar RGB {@code float[3·H·W]}: resize with antialiasing
 * ({@link io.sedet.kernels.image.ResizeKernel}, one axis per pass), normalisation
 * ({@link io.sedet.kernels.image.NormalizeKernel}), the strong augmentation's blur
 * ({@link io.sedet.kernels.image.BlurKernel}) and cutout ({@link io.sedet.kernels.image.EraseKernel});
 * {@link io.sedet.kernels.image.ImageKernels} is the entry, {@link io.sedet.kernels.image.ImageOps} the
 * plain-Java reference each kernel is tested against.
 */
package io.sedet.kernels.image;
