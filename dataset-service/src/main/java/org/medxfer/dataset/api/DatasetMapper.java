package org.medxfer.dataset.api;

import com.google.protobuf.Timestamp;
import com.google.rpc.Code;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medxfer.common.grpc.GrpcErrors;
import org.medxfer.dataset.app.GetDatasetVersion;
import org.medxfer.dataset.app.GetResolutionVariant;
import org.medxfer.dataset.domain.ContentHash;
import org.medxfer.dataset.domain.Dataset;
import org.medxfer.dataset.domain.DatasetCard;
import org.medxfer.dataset.domain.DatasetCursor;
import org.medxfer.dataset.domain.DatasetFormat;
import org.medxfer.dataset.domain.DatasetState;
import org.medxfer.dataset.domain.DatasetVersion;
import org.medxfer.dataset.domain.ImageShape;
import org.medxfer.dataset.domain.ImportOutcome;
import org.medxfer.dataset.domain.ImportRequest;
import org.medxfer.dataset.domain.ImportRequestValidator;
import org.medxfer.dataset.domain.InvalidRequestException;
import org.medxfer.dataset.domain.Split;
import org.medxfer.dataset.domain.SplitInfo;
import org.medxfer.dataset.domain.SplitPlan;
import org.medxfer.dataset.domain.TaskType;
import org.medxfer.dataset.domain.dicom.Window;
import org.medxfer.proto.dataset.v1.DicomWindow;
import org.medxfer.proto.dataset.v1.ImportDatasetRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetResponse;

/**
 * Translates between the v1 wire types and the domain: requests in, resources out, resource names
 * and page tokens both ways. Proto types that share a name with a domain type are written out in
 * full.
 */
final class DatasetMapper {

  private static final Pattern DATASET_NAME = Pattern.compile("^datasets/([^/]+)$");
  private static final Pattern VERSION_NAME =
      Pattern.compile("^datasets/([^/]+)/versions/([^/]+)$");
  private static final Pattern VERSION_ID =
      Pattern.compile("^[0-9a-f]{" + ContentHash.VERSION_ID_LENGTH + "}$");
  private static final String PAGE_TOKEN_VERSION = "v1";

  private DatasetMapper() {}

  /** A data set and version named in {@code datasets/{dataset}/versions/{version}}. */
  record VersionRef(String datasetId, String versionId) {}

  static ImportRequest toImportRequest(ImportDatasetRequest request) {
    return new ImportRequest(
        request.getDatasetId(),
        request.getRequestId(),
        toFormat(request.getFormat()),
        request.getDisplayName(),
        request.hasCard() ? toCard(request.getCard()) : null,
        request.getImageSize(),
        request.hasWindow() ? Optional.of(toWindow(request.getWindow())) : Optional.empty(),
        toSplitPlan(request.getSplitPlan()));
  }

  private static Window toWindow(DicomWindow window) {
    try {
      return new Window(window.getCenter(), window.getWidth());
    } catch (IllegalArgumentException e) {
      throw InvalidRequestException.of(
          InvalidRequestException.Reason.INVALID_IMPORT_REQUEST,
          "window.width",
          "window.width must be positive and finite, got " + window.getWidth());
    }
  }

  private static SplitPlan toSplitPlan(org.medxfer.proto.dataset.v1.SplitPlan plan) {
    return new SplitPlan(
        plan.getSeed(),
        plan.getValFraction() == 0 ? SplitPlan.DEFAULT_VAL_FRACTION : plan.getValFraction(),
        plan.getTestFraction() == 0 ? SplitPlan.DEFAULT_TEST_FRACTION : plan.getTestFraction());
  }

  private static DatasetFormat toFormat(org.medxfer.proto.dataset.v1.DatasetFormat format) {
    return switch (format) {
      case DATASET_FORMAT_MEDMNIST_NPZ -> DatasetFormat.MEDMNIST_NPZ;
      case DATASET_FORMAT_IMAGE_FOLDER -> DatasetFormat.IMAGE_FOLDER;
      case DATASET_FORMAT_DICOM -> DatasetFormat.DICOM;
      case DATASET_FORMAT_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  private static DatasetCard toCard(org.medxfer.proto.dataset.v1.DatasetCard card) {
    return new DatasetCard(
        card.getModality(),
        toTaskType(card.getTaskType()),
        card.getClassNamesList(),
        card.getLicense(),
        card.getSource());
  }

  private static TaskType toTaskType(org.medxfer.proto.dataset.v1.TaskType taskType) {
    return switch (taskType) {
      case TASK_TYPE_BINARY -> TaskType.BINARY;
      case TASK_TYPE_MULTI_CLASS -> TaskType.MULTI_CLASS;
      case TASK_TYPE_MULTI_LABEL -> TaskType.MULTI_LABEL;
      case TASK_TYPE_ORDINAL -> TaskType.ORDINAL;
      case TASK_TYPE_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  static ImportDatasetResponse toProto(ImportOutcome outcome) {
    return ImportDatasetResponse.newBuilder()
        .setDataset(toProto(outcome.dataset()))
        .setVersion(toProto(outcome.version()))
        .setAlreadyExisted(outcome.alreadyExisted())
        .build();
  }

  static org.medxfer.proto.dataset.v1.Dataset toProto(Dataset dataset) {
    org.medxfer.proto.dataset.v1.Dataset.Builder proto =
        org.medxfer.proto.dataset.v1.Dataset.newBuilder()
            .setName(datasetName(dataset.datasetId()))
            .setDisplayName(dataset.displayName())
            .setState(toProto(dataset.state()))
            .setCreateTime(timestamp(dataset.createTime()))
            .setUpdateTime(timestamp(dataset.updateTime()))
            .setCard(toProto(dataset.card()))
            .setLatestVersion(versionName(dataset.datasetId(), dataset.latestVersionId()));
    dataset
        .lastError()
        .ifPresent(
            error ->
                proto.setError(
                    // Only refused imports are recorded, and a refusal is INVALID_ARGUMENT.
                    GrpcErrors.status(
                        Code.INVALID_ARGUMENT, error.reason(), error.message(), Map.of())));
    return proto.build();
  }

  private static org.medxfer.proto.dataset.v1.DatasetState toProto(DatasetState state) {
    return switch (state) {
      case READY -> org.medxfer.proto.dataset.v1.DatasetState.DATASET_STATE_READY;
      case FAILED -> org.medxfer.proto.dataset.v1.DatasetState.DATASET_STATE_FAILED;
    };
  }

  static org.medxfer.proto.dataset.v1.DatasetVersion toProto(DatasetVersion version) {
    org.medxfer.proto.dataset.v1.DatasetVersion.Builder proto =
        org.medxfer.proto.dataset.v1.DatasetVersion.newBuilder()
            .setName(versionName(version.datasetId(), version.versionId()))
            .setContentHash(version.contentHash())
            .setCreateTime(timestamp(version.createTime()))
            .setCard(toProto(version.card()))
            .setImageShape(toProto(version.imageShape()));
    for (SplitInfo split : version.splits()) {
      proto.addSplits(toProto(split));
    }
    version
        .pixelStatistics()
        .ifPresent(
            stats ->
                proto.setPixelStatistics(
                    org.medxfer.proto.dataset.v1.PixelStatistics.newBuilder()
                        .addAllMean(stats.mean())
                        .addAllStd(stats.std())
                        .addAllMin(stats.min())
                        .addAllMax(stats.max())));
    return proto.build();
  }

  static org.medxfer.proto.dataset.v1.ResolutionVariant toProto(
      GetResolutionVariant.Outcome outcome) {
    org.medxfer.dataset.domain.ResolutionVariant variant = outcome.variant();
    org.medxfer.proto.dataset.v1.ResolutionVariant.Builder proto =
        org.medxfer.proto.dataset.v1.ResolutionVariant.newBuilder()
            .setName(
                versionName(variant.datasetId(), variant.versionId())
                    + "/variants/"
                    + variant.size())
            .setImageShape(toProto(variant.imageShape()))
            .setAlreadyExisted(outcome.alreadyExisted());
    variant.splits().forEach(split -> proto.addSplits(toProto(split)));
    return proto.build();
  }

  private static org.medxfer.proto.dataset.v1.DatasetCard toProto(DatasetCard card) {
    return org.medxfer.proto.dataset.v1.DatasetCard.newBuilder()
        .setModality(card.modality())
        .setTaskType(toProto(card.taskType()))
        .addAllClassNames(card.classNames())
        .setLicense(card.license())
        .setSource(card.source())
        .build();
  }

  private static org.medxfer.proto.dataset.v1.TaskType toProto(TaskType taskType) {
    return switch (taskType) {
      case BINARY -> org.medxfer.proto.dataset.v1.TaskType.TASK_TYPE_BINARY;
      case MULTI_CLASS -> org.medxfer.proto.dataset.v1.TaskType.TASK_TYPE_MULTI_CLASS;
      case MULTI_LABEL -> org.medxfer.proto.dataset.v1.TaskType.TASK_TYPE_MULTI_LABEL;
      case ORDINAL -> org.medxfer.proto.dataset.v1.TaskType.TASK_TYPE_ORDINAL;
    };
  }

  private static org.medxfer.proto.dataset.v1.ImageShape toProto(ImageShape shape) {
    return org.medxfer.proto.dataset.v1.ImageShape.newBuilder()
        .setHeight(shape.height())
        .setWidth(shape.width())
        .setChannels(shape.channels())
        .build();
  }

  private static org.medxfer.proto.dataset.v1.SplitInfo toProto(SplitInfo split) {
    return org.medxfer.proto.dataset.v1.SplitInfo.newBuilder()
        .setSplit(toProto(split.split()))
        .setCount(split.count())
        .addAllClassCounts(split.classCounts())
        .setShardKey(split.shardKey())
        .build();
  }

  private static org.medxfer.proto.dataset.v1.Split toProto(Split split) {
    return switch (split) {
      case TRAIN -> org.medxfer.proto.dataset.v1.Split.SPLIT_TRAIN;
      case VAL -> org.medxfer.proto.dataset.v1.Split.SPLIT_VAL;
      case TEST -> org.medxfer.proto.dataset.v1.Split.SPLIT_TEST;
    };
  }

  static String datasetName(String datasetId) {
    return "datasets/" + datasetId;
  }

  static String versionName(String datasetId, String versionId) {
    return datasetName(datasetId) + "/versions/" + versionId;
  }

  /** The id in {@code datasets/{dataset}}. */
  static String parseDatasetName(String name) {
    Matcher matcher = DATASET_NAME.matcher(name);
    if (!matcher.matches() || !ImportRequestValidator.isValidDatasetId(matcher.group(1))) {
      throw invalidName("name '" + name + "' is not of the form datasets/{dataset}");
    }
    return matcher.group(1);
  }

  /**
   * The ids in {@code datasets/{dataset}/versions/{version}}; the version may be {@code latest}.
   */
  static VersionRef parseVersionName(String name) {
    Matcher matcher = VERSION_NAME.matcher(name);
    if (!matcher.matches()
        || !ImportRequestValidator.isValidDatasetId(matcher.group(1))
        || !(matcher.group(2).equals(GetDatasetVersion.LATEST)
            || VERSION_ID.matcher(matcher.group(2)).matches())) {
      throw invalidName(
          "name '"
              + name
              + "' is not of the form datasets/{dataset}/versions/{version} (a "
              + ContentHash.VERSION_ID_LENGTH
              + "-digit hex version id, or latest)");
    }
    return new VersionRef(matcher.group(1), matcher.group(2));
  }

  private static InvalidRequestException invalidName(String description) {
    return InvalidRequestException.of(
        InvalidRequestException.Reason.INVALID_QUERY, "name", description);
  }

  /** An opaque token for the page after {@code cursor}. */
  static String toPageToken(DatasetCursor cursor) {
    long micros =
        Math.addExact(
            Math.multiplyExact(cursor.createTime().getEpochSecond(), 1_000_000L),
            cursor.createTime().getNano() / 1_000L);
    String plain = PAGE_TOKEN_VERSION + ":" + micros + ":" + cursor.datasetId();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor in a token from {@link #toPageToken}; empty for an empty token (the first page). */
  static Optional<DatasetCursor> fromPageToken(String token) {
    if (token.isEmpty()) {
      return Optional.empty();
    }
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = plain.split(":", 3);
      if (parts.length != 3 || !parts[0].equals(PAGE_TOKEN_VERSION)) {
        throw new IllegalArgumentException("unknown token layout");
      }
      long micros = Long.parseLong(parts[1]);
      Instant createTime =
          Instant.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
      return Optional.of(new DatasetCursor(createTime, parts[2]));
    } catch (IllegalArgumentException e) {
      throw InvalidRequestException.of(
          InvalidRequestException.Reason.INVALID_QUERY,
          "page_token",
          "page_token is not a token this service issued");
    }
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }
}
