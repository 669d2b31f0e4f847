package org.medxfer.evaluator.domain;

/**
 * One arm of a comparison: its trials' test metrics summarised over seeds (one attempt per trial).
 *
 * @param n trials in the arm
 * @param sdAuc sample standard deviation (n - 1 in the denominator), 0 when n is 1
 */
public record ArmSummary(
    ArmKey arm,
    int n,
    double meanAuc,
    double sdAuc,
    double meanAcc,
    double sdAcc,
    double meanTrainingSeconds) {}
