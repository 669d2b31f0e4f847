package org.medxfer.trainer.domain;

/**
 * One point of a trial's learning curve.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training cross-entropy over the epoch's steps (batch-norm in training mode)
 * @param valLoss mean validation cross-entropy (inference mode)
 * @param valAuc validation AUC (see {@link TaskType}); NaN when the split holds a single class
 * @param steps optimizer steps so far, over all epochs
 * @param seconds wall-clock seconds of this epoch, training and validation together
 * @param elapsedSeconds wall-clock seconds since the first epoch began
 */
public record EpochMetrics(
    int epoch,
    double trainLoss,
    double valLoss,
    double valAuc,
    long steps,
    double seconds,
    double elapsedSeconds) {}
