package org.medxfer.evaluator.domain;

/**
 * Test-split metrics in MedMNIST semantics.
 *
 * @param auc area under the ROC curve (binary: class-1 score; otherwise macro one-vs-rest)
 * @param acc accuracy (binary: class-1 score above 0.5; otherwise argmax)
 * @param count number of test images
 */
public record TestMetrics(double auc, double acc, long count) {}
