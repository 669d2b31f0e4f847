package org.medxfer.evaluator.domain;

/**
 * What comparisons need of a trial's latest attempt: its factors and headline numbers, without the
 * spec, the extended report or the predictions key, so that a study of thousands of trials is
 * compared from a lean read.
 */
public record TrialResult(
    TrialName trial, TrialFactors factors, double auc, double acc, double trainingSeconds) {}
