package org.medxfer.gateway.domain;

/**
 * One point of a trial's learning curve: the last finished epoch.
 *
 * @param epoch 1-based epoch number
 * @param totalEpochs epochs planned
 * @param trainLoss mean training loss over the epoch
 * @param valLoss validation loss after the epoch
 * @param valAuc validation AUC after the epoch
 * @param steps optimiser steps so far
 * @param elapsedSeconds training seconds so far
 */
public record EpochProgress(
    int epoch,
    int totalEpochs,
    double trainLoss,
    double valLoss,
    double valAuc,
    long steps,
    double elapsedSeconds) {}
