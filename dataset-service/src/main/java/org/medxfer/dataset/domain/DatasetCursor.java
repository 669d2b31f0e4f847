package org.medxfer.dataset.domain;

import java.time.Instant;

/** Where a page of data sets (newest first) ended: the last entry's creation time and id. */
public record DatasetCursor(Instant createTime, String datasetId) {}
