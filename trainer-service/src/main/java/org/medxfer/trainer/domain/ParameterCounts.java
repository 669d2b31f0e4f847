package org.medxfer.trainer.domain;

/**
 * Size of a model.
 *
 * @param trainable scalars the optimizer updates
 * @param total all scalars, batch-norm moving statistics included
 */
public record ParameterCounts(long trainable, long total) {}
