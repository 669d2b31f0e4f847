package org.medxfer.trainer.domain;

/**
 * One attempt of one trial, as the trainer runs it.
 *
 * @param trial resource name {@code studies/{study}/trials/{trial}}
 * @param attempt 1-based attempt number
 * @param spec what to train
 * @param channels channels of the stored images, known before the shards are read
 */
public record TrialRun(String trial, int attempt, TrainingSpec spec, int channels) {}
