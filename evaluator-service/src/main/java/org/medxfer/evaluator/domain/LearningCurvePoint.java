package org.medxfer.evaluator.domain;

/**
 * One epoch of a trial attempt's learning curve, as the trainer reported it.
 *
 * @param epoch 1-based epoch
 * @param steps optimiser steps so far
 * @param elapsedSeconds training seconds so far
 * @param trainLoss mean training loss over the epoch
 * @param valLoss validation loss after the epoch
 * @param valAuc validation AUC after the epoch
 */
public record LearningCurvePoint(
    int epoch, long steps, double elapsedSeconds, double trainLoss, double valLoss, double valAuc) {

  public LearningCurvePoint {
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch must be at least 1, got " + epoch);
    }
    if (!(valAuc >= 0 && valAuc <= 1)) {
      throw new IllegalArgumentException("validation AUC must be in [0, 1], got " + valAuc);
    }
  }
}
