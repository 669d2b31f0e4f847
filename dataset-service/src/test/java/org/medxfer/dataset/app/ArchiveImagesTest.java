package org.medxfer.dataset.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medxfer.common.images.LabeledImages;
import org.medxfer.common.images.MedMnistNpz;
import org.medxfer.dataset.domain.DatasetCard;
import org.medxfer.dataset.domain.DatasetFormat;
import org.medxfer.dataset.domain.ImportRequest;
import org.medxfer.dataset.domain.InvalidRequestException;
import org.medxfer.dataset.domain.InvalidRequestException.Reason;
import org.medxfer.dataset.domain.Split;
import org.medxfer.dataset.domain.SplitPlan;
import org.medxfer.dataset.domain.TaskType;
import org.medxfer.dataset.domain.Violation;
import org.medxfer.dataset.domain.dicom.Window;
import org.medxfer.dataset.fixtures.Archives;
import org.medxfer.dataset.fixtures.TestImages;

/** Image-folder and DICOM archives built from the shipped real images. */
class ArchiveImagesTest {

  private static final List<String> BREAST_CLASSES = List.of("malignant", "normal_or_benign");

  private static LabeledImages breastTest;
  private static LabeledImages retinaTest;

  @TempDir Path directory;

  @BeforeAll
  static void readShippedFiles() throws IOException {
    try (InputStream in = Files.newInputStream(Archives.DATA.resolve("medmnist/breastmnist.npz"))) {
      breastTest = MedMnistNpz.read(in, "breastmnist.npz").get("test");
    }
    try (InputStream in = Files.newInputStream(Archives.DATA.resolve("medmnist/retinamnist.npz"))) {
      retinaTest = MedMnistNpz.read(in, "retinamnist.npz").get("test");
    }
  }

  @Test
  void pngFolderWithSplitColumnKeepsEveryPixelAndLabel() throws IOException {
    String[] splits = new String[30];
    for (int i = 0; i < 30; i++) {
      splits[i] = i < 20 ? "train" : i < 25 ? "val" : "test";
    }
    Map<Split, LabeledImages> read =
        read(Archives.pngFolder(breastTest, 30, BREAST_CLASSES, splits), request(0, null));

    assertThat(read.get(Split.TRAIN).count()).isEqualTo(20);
    assertThat(read.get(Split.VAL).count()).isEqualTo(5);
    assertThat(read.get(Split.TEST).count()).isEqualTo(5);
    assertThat(read.get(Split.TRAIN).pixels())
        .isEqualTo(Arrays.copyOf(breastTest.pixels(), 20 * 784));
    assertThat(read.get(Split.TRAIN).labels()).isEqualTo(Arrays.copyOf(breastTest.labels(), 20));
  }

  @Test
  void withoutSplitColumnTheSplitIsStratifiedAndTheSameEveryTime() throws IOException {
    Map<String, byte[]> folder = Archives.pngFolder(breastTest, 100, BREAST_CLASSES, null);
    SplitPlan plan = new SplitPlan(7, 0.1, 0.2);

    Map<Split, LabeledImages> first = read(folder, request(0, plan));
    Map<Split, LabeledImages> second = read(folder, request(0, plan));

    long[] all = breastTest.classCounts(2);
    int[] first100 = Arrays.copyOf(breastTest.labels(), 100);
    long malignant = Arrays.stream(first100).filter(label -> label == 0).count();
    assertThat(all[0]).isPositive();
    assertThat(first.get(Split.VAL).classCounts(2)[0]).isEqualTo(Math.round(0.1 * malignant));
    assertThat(first.get(Split.TEST).classCounts(2)[0]).isEqualTo(Math.round(0.2 * malignant));
    for (Split split : Split.values()) {
      assertThat(second.get(split)).isEqualTo(first.get(split));
    }
  }

  @Test
  void sixteenBitGreyAndRgbJpegDecode() throws IOException {
    Map<String, byte[]> grey = new LinkedHashMap<>();
    StringBuilder csv = new StringBuilder("file,label,split\n");
    for (int i = 0; i < 3; i++) {
      grey.put("g" + i + ".png", Archives.encode(Archives.grey16(breastTest, i), "png"));
      csv.append("g")
          .append(i)
          .append(".png,malignant,")
          .append(Split.values()[i].key())
          .append('\n');
    }
    grey.put("labels.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    Map<Split, LabeledImages> read = read(grey, request(0, null));
    assertThat(read.get(Split.TRAIN).pixels()).isEqualTo(Arrays.copyOf(breastTest.pixels(), 784));

    Map<String, byte[]> rgb = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      rgb.put("r" + i + ".jpg", Archives.encode(Archives.image(retinaTest, i), "jpeg"));
    }
    rgb.put(
        "labels.csv",
        "file,label,split\nr0.jpg,malignant,train\nr1.jpg,malignant,val\nr2.jpg,malignant,test\n"
            .getBytes(StandardCharsets.UTF_8));
    LabeledImages train = read(rgb, request(0, null)).get(Split.TRAIN);
    assertThat(train.channels()).isEqualTo(3);
    assertThat(train.height()).isEqualTo(28);
    // JPEG is lossy: close to the source, not equal.
    double meanError = 0;
    for (int i = 0; i < train.pixels().length; i++) {
      meanError += Math.abs((train.pixels()[i] & 0xff) - (retinaTest.pixels()[i] & 0xff));
    }
    assertThat(meanError / train.pixels().length).isLessThan(12);
  }

  @Test
  void theShippedDicomSamplesImportResampledTo64() throws IOException {
    Map<String, byte[]> folder = Archives.dicomFolder(Archives.DICOM_CSV, Archives.DICOM_FILES);
    Map<Split, LabeledImages> read = read(folder, dicomRequest(64, Optional.empty()));

    LabeledImages train = read.get(Split.TRAIN);
    assertThat(train.count()).isEqualTo(3);
    assertThat(train.height()).isEqualTo(64);
    assertThat(train.labels()).containsExactly(0, 1, 1);
    // Implicit VR, big endian and RLE hold the same pixels as MR_small.
    byte[] mr = Arrays.copyOfRange(train.pixels(), 64 * 64, 2 * 64 * 64);
    assertThat(read.get(Split.VAL).pixels()).isEqualTo(mr);
    assertThat(read.get(Split.TEST).pixels()).isEqualTo(mr);

    Map<Split, LabeledImages> windowed =
        read(folder, dicomRequest(64, Optional.of(new Window(1000, 400))));
    assertThat(windowed.get(Split.VAL).pixels()).isNotEqualTo(mr);
  }

  @Test
  void aTruncatedDicomIsRefusedByEntryName() {
    Map<String, byte[]> folder = Archives.dicomFolderWithTruncatedFile();

    assertRefused(folder, dicomRequest(64, Optional.empty()), Reason.CORRUPT_FILE)
        .startsWith("folder.zip:MR_truncated.dcm");
  }

  @Test
  void aTruncatedPngIsRefusedByEntryName() {
    Map<String, byte[]> folder = Archives.pngFolder(breastTest, 10, BREAST_CLASSES, null);
    byte[] png = folder.get("images/img-0003.png");
    folder.put("images/img-0003.png", Arrays.copyOf(png, png.length / 2));

    assertRefused(folder, request(0, null), Reason.CORRUPT_FILE)
        .startsWith("folder.zip:images/img-0003.png");
  }

  @Test
  void aTruncatedJpegIsRefusedByEntryName() {
    Map<String, byte[]> folder = Archives.pngFolder(breastTest, 10, BREAST_CLASSES, null);
    byte[] jpeg = Archives.encode(Archives.image(breastTest, 3), "jpeg");
    folder.put("images/img-0003.png", Arrays.copyOf(jpeg, jpeg.length - 40));

    assertRefused(folder, request(0, null), Reason.CORRUPT_FILE)
        .contains("images/img-0003.png")
        .contains("truncated JPEG");
  }

  @Test
  void aLabelOutsideTheClassesIsRefusedWithItsLine() {
    Map<String, byte[]> folder = Archives.pngFolder(breastTest, 10, BREAST_CLASSES, null);
    String csv = new String(folder.get("labels.csv"), StandardCharsets.UTF_8);
    folder.put(
        "labels.csv",
        csv.replaceFirst("img-0004.png,[a-z_]+", "img-0004.png,benign")
            .getBytes(StandardCharsets.UTF_8));

    assertRefused(folder, request(0, null), Reason.INVALID_DATASET_CONTENT)
        .contains("labels.csv line 6")
        .contains("'benign'");
  }

  @Test
  void imagesWithoutRowsAndRowsWithoutImagesAreRefusedByName() {
    Map<String, byte[]> folder = Archives.pngFolder(breastTest, 10, BREAST_CLASSES, null);
    folder.put("images/extra.png", folder.get("images/img-0001.png"));
    folder.remove("images/img-0002.png");

    InvalidRequestException error =
        catchRefusal(folder, request(0, null), Reason.INVALID_DATASET_CONTENT);
    assertThat(error.getMessage()).contains("labels.csv names 10 images, the archive holds 10");
    assertThat(error.violations())
        .extracting(Violation::description)
        .containsExactly(
            "labels.csv line 4: 'images/img-0002.png' is not in the archive",
            "'images/extra.png' is in the archive but has no row in labels.csv");
  }

  @Test
  void imagesOfAnotherShapeAreRefusedByNameUnlessResampled() {
    Map<String, byte[]> folder = Archives.pngFolder(breastTest, 10, BREAST_CLASSES, null);
    LabeledImages bigger = TestImages.images(30, 30, 1, 0);
    folder.put("images/img-0005.png", Archives.encode(Archives.image(bigger, 0), "png"));

    assertRefused(folder, request(0, null), Reason.INVALID_DATASET_CONTENT)
        .contains("images/img-0005.png is 30x30x1 but images/img-0000.png is 28x28x1");
    assertThat(read(folder, request(28, null)).get(Split.TRAIN).height()).isEqualTo(28);
  }

  @Test
  void anArchiveWithoutLabelsCsvOrNotAZipIsCorrupt() {
    Map<String, byte[]> folder = Archives.pngFolder(breastTest, 10, BREAST_CLASSES, null);
    folder.remove("labels.csv");
    assertRefused(folder, request(0, null), Reason.CORRUPT_FILE).contains("no labels.csv");
  }

  private Map<Split, LabeledImages> read(Map<String, byte[]> entries, ImportRequest request) {
    try {
      Path zip = Files.write(directory.resolve("folder.zip"), Archives.zip(entries));
      return ArchiveImages.read(zip, "folder.zip", request);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private org.assertj.core.api.AbstractStringAssert<?> assertRefused(
      Map<String, byte[]> entries, ImportRequest request, Reason reason) {
    return assertThat(catchRefusal(entries, request, reason).getMessage());
  }

  private InvalidRequestException catchRefusal(
      Map<String, byte[]> entries, ImportRequest request, Reason reason) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> read(entries, request));
    assertThat(thrown).isInstanceOf(InvalidRequestException.class);
    InvalidRequestException error = (InvalidRequestException) thrown;
    assertThat(error.reason()).isEqualTo(reason);
    return error;
  }

  private static ImportRequest request(int imageSize, SplitPlan plan) {
    return new ImportRequest(
        "folder",
        "",
        DatasetFormat.IMAGE_FOLDER,
        "",
        TestImages.binaryCard(),
        imageSize,
        Optional.empty(),
        plan);
  }

  private static ImportRequest dicomRequest(int imageSize, Optional<Window> window) {
    DatasetCard card =
        new DatasetCard("ct-mr", TaskType.BINARY, List.of("ct", "mr"), "MIT", "pydicom");
    return new ImportRequest("dicom", "", DatasetFormat.DICOM, "", card, imageSize, window, null);
  }
}
