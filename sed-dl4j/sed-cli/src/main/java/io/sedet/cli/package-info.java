/**
 * The {@code sedet} command line (picocli): {@link io.sedet.cli.Sedet} and one class per command
 * ({@code train}, {@code demo}, {@code predict}, {@code eval coco|voc|model}, {@code split}, {@code export},
 * {@code import-backbone}, {@code analyze}, {@code report}, {@code bench}); shared options
 * ({@link io.sedet.cli.BackendOptions}, {@link io.sedet.cli.AnalysisOptions}), CI's quality gate
 * ({@link io.sedet.cli.QualityGate}), the terminal progress bar ({@link io.sedet.cli.TerminalProgress}) and
 * what a crash leaves ({@link io.sedet.cli.CrashReport}). Bad input exits 2 with one line naming the file;
 * nothing here is used by the library.
 */
package io.sedet.cli;
