/**
 * What a run is made of, typed: {@link io.sedet.config.TrainConfig} (read from a JSON file or a shipped
 * preset with {@code key.path=value} overrides; errors name the key: {@link io.sedet.config.ConfigTree}
 * fills in code defaults, merges and overrides the JSON tree, {@link io.sedet.config.ConfigValidation}
 * checks the record), its sections
 * {@link io.sedet.config.OptimizerConfig}, {@link io.sedet.config.ScheduleConfig},
 * {@link io.sedet.config.SemiSupervisedConfig} (the {@code semi} section: {@link io.sedet.config.Method},
 * {@link io.sedet.config.StrongAugment}, {@link io.sedet.config.AnchorSet},
 * {@link io.sedet.config.StudentBatchNorm}, {@link io.sedet.config.PseudoNormalizer}) and
 * {@link io.sedet.config.PostprocessConfig} (the {@code evaluation} section: score threshold, top-k,
 * NMS IoU, detections per image). Enums written by a label implement
 * {@link io.sedet.config.ConfigEnum}, which reads them back and names the key on an error. Values only: this
 * package uses the model's, data's and loss's value types and nothing that runs.
 */
package io.sedet.config;
