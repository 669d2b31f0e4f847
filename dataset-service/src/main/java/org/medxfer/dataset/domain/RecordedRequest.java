package org.medxfer.dataset.domain;

/** What an earlier import with a given {@code request_id} produced. */
public record RecordedRequest(String datasetId, String versionId, boolean alreadyExisted) {}
