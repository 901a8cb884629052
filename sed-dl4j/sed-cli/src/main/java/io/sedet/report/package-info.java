/**
 * What happened in training runs, as one self-contained HTML page: {@link io.sedet.report.RunData}
 * reads a run folder (config, metrics log, the latest evaluation's {@link io.sedet.predict.EvalSummary},
 * the machine), {@link io.sedet.report.Charts} draws XChart line charts as SVG,
 * {@link io.sedet.report.SampleGallery} draws a model's detections over the ground truth,
 * {@link io.sedet.report.HtmlReport} lays the page out and {@link io.sedet.report.Report} writes it —
 * what {@code sedet report} and {@code sedet demo} produce.
 */
package io.sedet.report;
