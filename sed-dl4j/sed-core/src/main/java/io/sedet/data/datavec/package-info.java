/**
 * DL4J interop on the data side: {@link io.sedet.data.datavec.LabelProviderSource}, a
 * {@link io.sedet.data.DetectionSource} over datavec's {@code ImageObjectLabelProvider}. The only
 * package that needs the optional {@code datavec-data-image} dependency.
 */
package io.sedet.data.datavec;
