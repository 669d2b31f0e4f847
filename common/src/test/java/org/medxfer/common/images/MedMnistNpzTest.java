package org.medxfer.common.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MedMnistNpzTest {

  static final Path BREAST = Path.of("..", "data", "medmnist", "breastmnist.npz");

  @Test
  void readsTheRealBreastMnistSplitsWithTheirPublishedCounts() throws IOException {
    Map<String, LabeledImages> splits;
    try (InputStream in = Files.newInputStream(BREAST)) {
      splits = MedMnistNpz.read(in, "breastmnist.npz");
    }

    assertThat(splits).containsOnlyKeys("train", "val", "test");
    LabeledImages train = splits.get("train");
    assertThat(train.count()).isEqualTo(546);
    assertThat(train.height()).isEqualTo(28);
    assertThat(train.width()).isEqualTo(28);
    assertThat(train.channels()).isEqualTo(1);
    // Class counts from the MedMNIST v2 paper's BreastMNIST table.
    assertThat(train.classCounts(2)).containsExactly(147, 399);
    assertThat(splits.get("val").classCounts(2)).containsExactly(21, 57);
    assertThat(splits.get("test").classCounts(2)).containsExactly(42, 114);
  }

  @Test
  void aTruncatedFileIsRefusedWithItsName() throws IOException {
    byte[] whole = Files.readAllBytes(BREAST);
    byte[] half = Arrays.copyOf(whole, whole.length / 2);

    assertThatThrownBy(() -> MedMnistNpz.read(new ByteArrayInputStream(half), "half.npz"))
        .isInstanceOf(InvalidImageDataException.class)
        .hasMessageContaining("half.npz");
  }

  @Test
  void aFileThatIsNotAnArchiveIsRefused() {
    byte[] text = "not a zip".getBytes();

    assertThatThrownBy(() -> MedMnistNpz.read(new ByteArrayInputStream(text), "notes.txt"))
        .isInstanceOf(InvalidImageDataException.class)
        .hasMessageContaining("notes.txt");
  }

  @Test
  void shardsRoundTripAndDetectCorruption() throws IOException {
    LabeledImages test;
    try (InputStream in = Files.newInputStream(BREAST)) {
      test = MedMnistNpz.read(in, "breastmnist.npz").get("test");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageShardCodec.write(test, out);
    byte[] shard = out.toByteArray();

    assertThat(shard).hasSize((int) ImageShardCodec.encodedSize(test));
    assertThat(ImageShardCodec.read(new ByteArrayInputStream(shard), "test.shard")).isEqualTo(test);

    shard[shard.length / 2] ^= 0x01;
    assertThatThrownBy(() -> ImageShardCodec.read(new ByteArrayInputStream(shard), "test.shard"))
        .isInstanceOf(InvalidImageDataException.class)
        .hasMessageContaining("test.shard")
        .hasMessageContaining("checksum");
    byte[] truncated = Arrays.copyOf(out.toByteArray(), 100);
    assertThatThrownBy(() -> ImageShardCodec.read(new ByteArrayInputStream(truncated), "t.shard"))
        .hasMessageContaining("truncated");
  }

  @Test
  void multiLabelColumnsBecomeBitMasksAndOtherValuesAreRefused() throws IOException {
    byte[] npz = multiLabelNpz(new byte[] {1, 0, 1, 0, 0, 0, 0, 1, 1});

    Map<String, LabeledImages> splits =
        MedMnistNpz.read(new java.io.ByteArrayInputStream(npz), "chest.npz", true);

    assertThat(splits.get("train").labels()).containsExactly(0b101, 0, 0b110);
    assertThat(splits.get("train").maskCounts(3)).containsExactly(1, 1, 2);
    assertThatThrownBy(
            () -> MedMnistNpz.read(new java.io.ByteArrayInputStream(npz), "chest.npz", false))
        .isInstanceOf(InvalidImageDataException.class)
        .hasMessageContaining("chest.npz:train_labels")
        .hasMessageContaining("multi-label");
    byte[] two = multiLabelNpz(new byte[] {1, 0, 2, 0, 0, 0, 0, 1, 1});
    assertThatThrownBy(
            () -> MedMnistNpz.read(new java.io.ByteArrayInputStream(two), "chest.npz", true))
        .isInstanceOf(InvalidImageDataException.class)
        .hasMessageContaining("entry 0, column 2 holds 2");
  }

  /** Three 1x1 grey images per split, with (3, 3) label columns. */
  private static byte[] multiLabelNpz(byte[] labels) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
      for (String split : MedMnistNpz.SPLITS) {
        npy(zip, split + "_images", "(3, 1, 1)", new byte[] {1, 2, 3});
        npy(zip, split + "_labels", "(3, 3)", labels);
      }
    }
    return bytes.toByteArray();
  }

  private static void npy(java.util.zip.ZipOutputStream zip, String name, String shape, byte[] data)
      throws IOException {
    String header = "{'descr': '|u1', 'fortran_order': False, 'shape': " + shape + ", }";
    StringBuilder padded = new StringBuilder(header);
    while ((10 + padded.length() + 1) % 64 != 0) {
      padded.append(' ');
    }
    padded.append('\n');
    zip.putNextEntry(new java.util.zip.ZipEntry(name + ".npy"));
    zip.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    zip.write(padded.length() & 0xff);
    zip.write(padded.length() >> 8);
    zip.write(padded.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    zip.write(data);
    zip.closeEntry();
  }
}
