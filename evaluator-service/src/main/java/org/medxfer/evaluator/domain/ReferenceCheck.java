package org.medxfer.evaluator.domain;

/**
 * An arm that reproduces a registered protocol, against the registered value.
 *
 * @param observed the arm's mean of the reference's metric
 * @param n trials in the arm
 * @param withinTolerance whether the arm reproduces the published value; false flags the arm
 */
public record ReferenceCheck(
    ReferenceResult reference, double observed, int n, boolean withinTolerance) {}
