package org.medxfer.dataset.domain;

/**
 * What an import asks for, whichever way the file arrives.
 *
 * @param requestId empty when the caller does not need idempotent retries
 * @param format null when the request left it unset (validation rejects that)
 * @param displayName empty to use the data set id
 */
public record ImportRequest(
    String datasetId,
    String requestId,
    DatasetFormat format,
    String displayName,
    DatasetCard card) {

  public ImportRequest {
    datasetId = datasetId == null ? "" : datasetId;
    requestId = requestId == null ? "" : requestId;
    displayName = displayName == null ? "" : displayName;
  }

  /** The display name to record: the requested one, or the id when none was given. */
  public String effectiveDisplayName() {
    return displayName.isBlank() ? datasetId : displayName;
  }
}
