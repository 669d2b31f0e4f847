package org.medxfer.dataset.domain;

import java.util.Optional;
import org.medxfer.dataset.domain.dicom.Window;

/**
 * What an import asks for, whichever way the file arrives.
 *
 * @param requestId empty when the caller does not need idempotent retries
 * @param format null when the request left it unset (validation rejects that)
 * @param displayName empty to use the data set id
 * @param imageSize resample every image to this square size; 0 keeps the file's size
 * @param window DICOM only: the display window that wins over the files' own
 * @param splitPlan how an archive without a split column is split
 */
public record ImportRequest(
    String datasetId,
    String requestId,
    DatasetFormat format,
    String displayName,
    DatasetCard card,
    int imageSize,
    Optional<Window> window,
    SplitPlan splitPlan) {

  public ImportRequest {
    datasetId = datasetId == null ? "" : datasetId;
    requestId = requestId == null ? "" : requestId;
    displayName = displayName == null ? "" : displayName;
    window = window == null ? Optional.empty() : window;
    splitPlan = splitPlan == null ? SplitPlan.defaults() : splitPlan;
  }

  /** A request with the defaults for everything past the card. */
  public ImportRequest(
      String datasetId,
      String requestId,
      DatasetFormat format,
      String displayName,
      DatasetCard card) {
    this(datasetId, requestId, format, displayName, card, 0, Optional.empty(), null);
  }

  /** The display name to record: the requested one, or the id when none was given. */
  public String effectiveDisplayName() {
    return displayName.isBlank() ? datasetId : displayName;
  }
}
