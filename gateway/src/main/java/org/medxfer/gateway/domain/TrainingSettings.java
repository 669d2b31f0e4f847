package org.medxfer.gateway.domain;

/**
 * Settings every trial of a study shares.
 *
 * @param epochs passes over the training split (0 when not given: a validation problem)
 * @param batchSize images per step
 * @param optimizer the optimiser
 * @param learningRate initial learning rate
 * @param earlyStoppingPatience epochs without validation improvement before stopping; 0 disables
 */
public record TrainingSettings(
    int epochs,
    int batchSize,
    OptimizerKind optimizer,
    double learningRate,
    int earlyStoppingPatience) {}
