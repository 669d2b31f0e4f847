package org.medxfer.dataset.domain;

/**
 * The result of an import.
 *
 * @param alreadyExisted true when the content was already imported and nothing new was stored
 */
public record ImportOutcome(Dataset dataset, DatasetVersion version, boolean alreadyExisted) {}
