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
}
