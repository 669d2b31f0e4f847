package org.medxfer.dataset.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medxfer.common.grpc.GrpcErrors;
import org.medxfer.common.images.ImageResizer;
import org.medxfer.common.images.ImageShardCodec;
import org.medxfer.common.images.LabeledImages;
import org.medxfer.common.images.MedMnistNpz;
import org.medxfer.dataset.fixtures.Archives;
import org.medxfer.dataset.fixtures.DatasetInfraResource;
import org.medxfer.dataset.fixtures.TestImages;
import org.medxfer.dataset.fixtures.Uploads;
import org.medxfer.proto.dataset.v1.DatasetCard;
import org.medxfer.proto.dataset.v1.DatasetFormat;
import org.medxfer.proto.dataset.v1.DatasetVersion;
import org.medxfer.proto.dataset.v1.GetResolutionVariantRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetResponse;
import org.medxfer.proto.dataset.v1.ResolutionVariant;
import org.medxfer.proto.dataset.v1.Split;
import org.medxfer.proto.dataset.v1.SplitInfo;
import org.medxfer.proto.dataset.v1.SplitPlan;
import org.medxfer.proto.dataset.v1.TaskType;

/**
 * Every import format on the real service, S3 server and PostgreSQL, with the shipped files: the
 * other two MedMNIST files, the CIFAR-10 subset from the object store, the DICOM samples, an image
 * folder; and each kind of bad input, refused by name with nothing left behind.
 */
@QuarkusTest
@QuarkusTestResource(value = DatasetInfraResource.class, restrictToAnnotatedClass = true)
class DatasetImportFormatsTest extends DatasetServiceTestBase {

  private static final List<String> BREAST_CLASSES = List.of("malignant", "normal_or_benign");

  @Test
  void pneumoniaMnistImportsWithItsCountsAndPixelStatistics() throws Exception {
    ImportDatasetResponse response =
        Uploads.upload(
            channel,
            header(
                "pneumoniamnist",
                DatasetFormat.DATASET_FORMAT_MEDMNIST_NPZ,
                card("x-ray", TaskType.TASK_TYPE_BINARY, "normal", "pneumonia")),
            Archives.shipped("medmnist/pneumoniamnist.npz"));

    DatasetVersion version = response.getVersion();
    assertThat(version.getSplitsList())
        .extracting(SplitInfo::getSplit, SplitInfo::getCount)
        .containsExactly(
            tuple(Split.SPLIT_TRAIN, 4708L),
            tuple(Split.SPLIT_VAL, 524L),
            tuple(Split.SPLIT_TEST, 624L));
    assertThat(version.getSplits(0).getClassCountsList()).containsExactly(1214L, 3494L);
    LabeledImages train = npz("medmnist/pneumoniamnist.npz").get("train");
    double mean = 0;
    for (byte pixel : train.pixels()) {
      mean += pixel & 0xff;
    }
    mean /= train.pixels().length;
    assertThat(version.getPixelStatistics().getMeanList()).singleElement().isEqualTo(mean);
    assertThat(version.getPixelStatistics().getStd(0)).isBetween(1.0, 128.0);
    assertThat(datasets.getDatasetVersion(versionRequest(version.getName())).getPixelStatistics())
        .isEqualTo(version.getPixelStatistics());
  }

  @Test
  void retinaMnistImportsAsAnOrdinalTask() throws Exception {
    DatasetVersion version =
        Uploads.upload(
                channel,
                header(
                    "retinamnist",
                    DatasetFormat.DATASET_FORMAT_MEDMNIST_NPZ,
                    card("fundus", TaskType.TASK_TYPE_ORDINAL, "0", "1", "2", "3", "4")),
                Archives.shipped("medmnist/retinamnist.npz"))
            .getVersion();

    assertThat(version.getCard().getTaskType()).isEqualTo(TaskType.TASK_TYPE_ORDINAL);
    assertThat(version.getImageShape().getChannels()).isEqualTo(3);
    assertThat(version.getSplits(0).getClassCountsList())
        .containsExactly(486L, 128L, 206L, 194L, 66L);
    assertThat(version.getPixelStatistics().getMeanCount()).isEqualTo(3);
  }

  @Test
  void theCifarSubsetImportsFromTheObjectStoreAsANaturalImageSourceSet() {
    objectStore.put(
        "uploads/default/cifar10_small.npz",
        Archives.shipped("natural/cifar10_small.npz"),
        "application/octet-stream");
    String[] classes = {
      "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"
    };
    DatasetVersion version =
        datasets
            .importDataset(
                header(
                        "cifar10-small",
                        DatasetFormat.DATASET_FORMAT_MEDMNIST_NPZ,
                        card("natural", TaskType.TASK_TYPE_MULTI_CLASS, classes))
                    .setSourceKey("uploads/default/cifar10_small.npz")
                    .build())
            .getVersion();

    assertThat(version.getSplitsList())
        .extracting(SplitInfo::getCount)
        .containsExactly(1000L, 200L, 200L);
    assertThat(version.getSplits(0).getClassCountsList()).containsOnly(100L);
    assertThat(version.getImageShape().getHeight()).isEqualTo(32);
    assertThat(version.getCard().getModality()).isEqualTo("natural");
  }

  @Test
  void theDicomSamplesImportResampledTo64() throws Exception {
    ImportDatasetResponse response =
        Uploads.upload(
            channel,
            header("dicom-samples", DatasetFormat.DATASET_FORMAT_DICOM, dicomCard())
                .setImageSize(64)
                .setFileName("dicom.zip"),
            Archives.zip(Archives.dicomFolder(Archives.DICOM_CSV, Archives.DICOM_FILES)));

    DatasetVersion version = response.getVersion();
    assertThat(version.getSplitsList()).extracting(SplitInfo::getCount).containsExactly(3L, 1L, 1L);
    assertThat(version.getSplits(0).getClassCountsList()).containsExactly(1L, 2L);
    assertThat(version.getImageShape().getHeight()).isEqualTo(64);
    assertThat(objectStore.list("datasets/dicom-samples/")).hasSize(3);
  }

  @Test
  void anImageFolderGetsASeededSplitAndTheSameContentTheSameVersionByEitherRoute()
      throws Exception {
    byte[] zip =
        Archives.zip(
            Archives.pngFolder(
                npz("medmnist/breastmnist.npz").get("test"), 120, BREAST_CLASSES, null));
    ImportDatasetRequest.Builder header =
        header("breast-folder", DatasetFormat.DATASET_FORMAT_IMAGE_FOLDER, breastCard())
            .setSplitPlan(
                SplitPlan.newBuilder().setSeed(3).setValFraction(0.1).setTestFraction(0.2))
            .setFileName("breast-folder.zip");

    ImportDatasetResponse uploaded = Uploads.upload(channel, header, zip);
    objectStore.put("uploads/default/breast-folder.zip", zip, "application/zip");
    ImportDatasetResponse imported =
        datasets.importDataset(header.setSourceKey("uploads/default/breast-folder.zip").build());

    assertThat(uploaded.getAlreadyExisted()).isFalse();
    assertThat(imported.getAlreadyExisted()).isTrue();
    assertThat(imported.getVersion().getName()).isEqualTo(uploaded.getVersion().getName());
    assertThat(uploaded.getVersion().getSplitsList())
        .extracting(SplitInfo::getCount)
        .containsExactly(84L, 12L, 24L);
  }

  @Test
  void aResolutionVariantIsComputedOnceStoredAndServedToEveryLaterCall() throws Exception {
    DatasetVersion version =
        Uploads.upload(
                channel,
                header("breast-variants", DatasetFormat.DATASET_FORMAT_MEDMNIST_NPZ, breastCard()),
                Archives.shipped("medmnist/breastmnist.npz"))
            .getVersion();
    GetResolutionVariantRequest at64 =
        GetResolutionVariantRequest.newBuilder().setVersion(version.getName()).setSize(64).build();

    ResolutionVariant first = datasets.getResolutionVariant(at64);
    ResolutionVariant second = datasets.getResolutionVariant(at64);

    assertThat(first.getAlreadyExisted()).isFalse();
    assertThat(second.getAlreadyExisted()).isTrue();
    assertThat(second.getSplitsList()).isEqualTo(first.getSplitsList());
    assertThat(first.getName()).isEqualTo(version.getName() + "/variants/64");
    assertThat(first.getImageShape().getHeight()).isEqualTo(64);
    assertThat(first.getSplitsList())
        .extracting(SplitInfo::getCount)
        .containsExactly(546L, 78L, 156L);
    assertThat(first.getSplits(0).getShardKey()).endsWith("/64px/train.shard");
    LabeledImages stored =
        ImageShardCodec.read(
            new java.io.ByteArrayInputStream(objectStore.get(first.getSplits(0).getShardKey())),
            "variant");
    assertThat(stored)
        .isEqualTo(ImageResizer.resize(npz("medmnist/breastmnist.npz").get("train"), 64, 64));
    assertThat(objectStore.list(version.getName() + "/")).hasSize(6);
    assertThat(datasets.getResolutionVariant(at64.toBuilder().setSize(28).build()).getSplitsList())
        .isEqualTo(version.getSplitsList());
    assertThatThrownBy(() -> datasets.getResolutionVariant(at64.toBuilder().setSize(0).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(GrpcErrors.fieldViolations(e).get(0).getField()).isEqualTo("size"));
  }

  @Test
  void aTruncatedPngIsRefusedByNameAndLeavesNothing() throws Exception {
    Map<String, byte[]> folder = breastFolder();
    byte[] png = folder.get("images/img-0007.png");
    folder.put("images/img-0007.png", Arrays.copyOf(png, png.length / 2));

    assertRefusedLeavingNothing(
        "bad-truncated-png",
        DatasetFormat.DATASET_FORMAT_IMAGE_FOLDER,
        breastCard(),
        folder,
        "CORRUPT_FILE",
        "bad.zip:images/img-0007.png");
  }

  @Test
  void aTruncatedDicomIsRefusedByNameAndLeavesNothing() throws Exception {
    Map<String, byte[]> folder = Archives.dicomFolderWithTruncatedFile();

    assertRefusedLeavingNothing(
        "bad-truncated-dicom",
        DatasetFormat.DATASET_FORMAT_DICOM,
        dicomCard(),
        folder,
        "CORRUPT_FILE",
        "bad.zip:MR_truncated.dcm");
  }

  @Test
  void aLabelOutsideTheClassesIsRefusedByLineAndLeavesNothing() throws Exception {
    Map<String, byte[]> folder = breastFolder();
    String csv = new String(folder.get("labels.csv"), StandardCharsets.UTF_8);
    folder.put(
        "labels.csv",
        csv.replaceFirst("img-0009.png,[a-z_]+", "img-0009.png,cyst")
            .getBytes(StandardCharsets.UTF_8));

    assertRefusedLeavingNothing(
        "bad-label",
        DatasetFormat.DATASET_FORMAT_IMAGE_FOLDER,
        breastCard(),
        folder,
        "INVALID_DATASET_CONTENT",
        "labels.csv line 11: label 'cyst' is not one of the declared classes");
  }

  @Test
  void aLabelOutsideTheClassesOfAnNpzIsRefusedAndLeavesNothing() throws Exception {
    // RetinaMNIST has grades 0 to 4; a binary card declares two classes.
    assertRefusedLeavingNothing(
        "bad-npz-label",
        DatasetFormat.DATASET_FORMAT_MEDMNIST_NPZ,
        breastCard(),
        Archives.shipped("medmnist/retinamnist.npz"),
        "INVALID_DATASET_CONTENT",
        "split 'train': entry");
  }

  @Test
  void countsThatDoNotMatchAreRefusedByNameAndLeaveNothing() throws Exception {
    Map<String, byte[]> folder = breastFolder();
    folder.remove("images/img-0004.png");

    assertRefusedLeavingNothing(
        "bad-counts",
        DatasetFormat.DATASET_FORMAT_IMAGE_FOLDER,
        breastCard(),
        folder,
        "INVALID_DATASET_CONTENT",
        "labels.csv names 40 images, the archive holds 39");
  }

  @Test
  void anEmptySplitIsRefusedAndLeavesNothing() throws Exception {
    String[] splits = new String[40];
    Arrays.fill(splits, "train");
    splits[0] = "val";
    Map<String, byte[]> folder =
        Archives.pngFolder(npz("medmnist/breastmnist.npz").get("test"), 40, BREAST_CLASSES, splits);

    assertRefusedLeavingNothing(
        "bad-empty-split",
        DatasetFormat.DATASET_FORMAT_IMAGE_FOLDER,
        breastCard(),
        folder,
        "INVALID_DATASET_CONTENT",
        "split 'test' has no images");
  }

  @Test
  void imagesOfInconsistentShapeAreRefusedByNameAndLeaveNothing() throws Exception {
    Map<String, byte[]> folder = breastFolder();
    LabeledImages rgb = TestImages.images(28, 28, 3, 0);
    folder.put("images/img-0002.png", Archives.encode(Archives.image(rgb, 0), "png"));

    assertRefusedLeavingNothing(
        "bad-shape",
        DatasetFormat.DATASET_FORMAT_IMAGE_FOLDER,
        breastCard(),
        folder,
        "INVALID_DATASET_CONTENT",
        "bad.zip:images/img-0002.png is 28x28x3 but images/img-0000.png is 28x28x1");
  }

  // --- helpers

  private void assertRefusedLeavingNothing(
      String datasetId,
      DatasetFormat format,
      DatasetCard card,
      Map<String, byte[]> archive,
      String reason,
      String message)
      throws Exception {
    assertRefusedLeavingNothing(datasetId, format, card, Archives.zip(archive), reason, message);
  }

  private void assertRefusedLeavingNothing(
      String datasetId,
      DatasetFormat format,
      DatasetCard card,
      byte[] file,
      String reason,
      String message)
      throws Exception {
    ImportDatasetRequest.Builder header =
        header(datasetId, format, card).setFileName("bad.zip").setImageSize(0);

    assertThatThrownBy(() -> Uploads.upload(channel, header, file))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason()).isEqualTo(reason);
              assertThat(e.getStatus().getDescription()).contains(message);
              assertThat(GrpcErrors.fieldViolations(e)).isNotEmpty();
            });
    assertThat(objectStore.list("datasets/" + datasetId + "/")).isEmpty();
    for (String table : List.of("datasets", "versions", "splits", "import_requests")) {
      assertThat(
              Uploads.countRows(
                  dataSource,
                  "SELECT count(*) FROM datasets." + table + " WHERE dataset_id = ?",
                  datasetId))
          .as(table)
          .isZero();
    }
  }

  private static Map<String, byte[]> breastFolder() throws Exception {
    return Archives.pngFolder(
        npz("medmnist/breastmnist.npz").get("test"), 40, BREAST_CLASSES, null);
  }

  private static Map<String, LabeledImages> npz(String relative) throws Exception {
    try (InputStream in = Files.newInputStream(Archives.DATA.resolve(relative))) {
      return MedMnistNpz.read(in, relative);
    }
  }

  private static ImportDatasetRequest.Builder header(
      String datasetId, DatasetFormat format, DatasetCard card) {
    return ImportDatasetRequest.newBuilder()
        .setDatasetId(datasetId)
        .setFormat(format)
        .setDisplayName(datasetId)
        .setCard(card);
  }

  private static DatasetCard card(String modality, TaskType task, String... classes) {
    return DatasetCard.newBuilder()
        .setModality(modality)
        .setTaskType(task)
        .addAllClassNames(List.of(classes))
        .setLicense("CC BY 4.0")
        .setSource("shipped test data")
        .build();
  }

  private static DatasetCard breastCard() {
    return card("ultrasound", TaskType.TASK_TYPE_BINARY, BREAST_CLASSES.toArray(String[]::new));
  }

  private static DatasetCard dicomCard() {
    return card("ct-mr", TaskType.TASK_TYPE_BINARY, "ct", "mr");
  }

  private static org.medxfer.proto.dataset.v1.GetDatasetVersionRequest versionRequest(String name) {
    return org.medxfer.proto.dataset.v1.GetDatasetVersionRequest.newBuilder().setName(name).build();
  }
}
