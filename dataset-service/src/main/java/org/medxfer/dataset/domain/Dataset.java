package org.medxfer.dataset.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A named collection of labelled images with immutable versions.
 *
 * @param card the card of the newest version
 * @param latestVersionId the newest version's id
 * @param lastError why the last import failed, when {@code state} is FAILED
 */
public record Dataset(
    String datasetId,
    String displayName,
    DatasetState state,
    Instant createTime,
    Instant updateTime,
    DatasetCard card,
    String latestVersionId,
    Optional<ImportError> lastError) {}
