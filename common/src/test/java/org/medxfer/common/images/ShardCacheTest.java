package org.medxfer.common.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader library on the shipped BreastMNIST file, with a folder standing in for S3. */
class ShardCacheTest {

  private static final String KEY = "datasets/breastmnist/versions/0123456789abcdef/train.shard";

  private static LabeledImages train;

  @TempDir Path remote;
  @TempDir Path cacheDirectory;

  private final AtomicInteger downloads = new AtomicInteger();

  @BeforeAll
  static void readBreastMnist() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("../data/medmnist/breastmnist.npz"))) {
      Map<String, LabeledImages> splits = MedMnistNpz.read(in, "breastmnist.npz");
      train = splits.get("train");
    }
  }

  @Test
  void aShardIsDownloadedOnceAndReadInPlace() throws IOException {
    publish(KEY, train);
    ShardCache cache = cache(1L << 30);

    ShardFile first = cache.shard(KEY);
    ShardFile second = cache.shard(KEY);

    assertThat(downloads).hasValue(1);
    assertThat(first.readAll()).isEqualTo(train);
    assertThat(second.count()).isEqualTo(546);
    byte[] pixels = new byte[2 * 784];
    int[] labels = new int[2];
    second.read(new int[] {545, 0}, pixels, 0, labels);
    assertThat(labels).containsExactly(train.labels()[545], train.labels()[0]);
    for (int i = 0; i < 784; i++) {
      assertThat(pixels[i]).isEqualTo(train.pixels()[545 * 784 + i]);
    }
  }

  @Test
  void aCorruptShardNeverEntersTheCache() throws IOException {
    publish(KEY, train);
    Path file = remote.resolve(KEY);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(file, bytes);
    ShardCache cache = cache(1L << 30);

    assertThatThrownBy(() -> cache.shard(KEY))
        .isInstanceOf(InvalidImageDataException.class)
        .hasMessageContaining("checksum mismatch");
    assertThat(cache.sizeOnDisk()).isZero();
    try (Stream<Path> files = Files.walk(cacheDirectory)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void aResolutionVariantIsComputedOnceAndCached() throws IOException {
    publish(KEY, train);
    ShardCache cache = cache(1L << 30);

    ShardFile variant = cache.resized(KEY, 64);
    ShardFile again = cache.resized(KEY, 64);

    assertThat(downloads).hasValue(1);
    assertThat(variant.height()).isEqualTo(64);
    assertThat(variant.verify().readAll()).isEqualTo(ImageResizer.resize(train, 64, 64));
    assertThat(again.readAll()).isEqualTo(variant.readAll());
    assertThat(cache.resized(KEY, 28).readAll()).isEqualTo(train);
  }

  @Test
  void theCacheEvictsTheLeastRecentlyUsedShardToStayWithinItsBudget() throws Exception {
    String other = "datasets/other/versions/fedcba9876543210/train.shard";
    publish(KEY, train);
    publish(other, train);
    long shardBytes = ImageShardCodec.encodedSize(train);
    ShardCache cache = cache(shardBytes + shardBytes / 2);

    cache.shard(KEY);
    Thread.sleep(20);
    cache.shard(other);

    assertThat(cache.sizeOnDisk()).isEqualTo(shardBytes);
    assertThat(Files.exists(cacheDirectory.resolve(other))).isTrue();
    assertThat(Files.exists(cacheDirectory.resolve(KEY))).isFalse();
  }

  @Test
  void batchesVisitTheGivenOrderWithReusedBuffers() throws IOException {
    publish(KEY, train);
    ShardFile shard = cache(1L << 30).shard(KEY);
    int[] order = IntStream.range(0, 546).map(i -> 545 - i).toArray();

    ShardBatches batches = new ShardBatches(shard, order, 100);
    int seen = 0;
    int batchCount = 0;
    while (batches.hasNext()) {
      int n = batches.next();
      for (int i = 0; i < n; i++) {
        assertThat(batches.labels()[i]).isEqualTo(train.labels()[order[seen + i]]);
      }
      assertThat(batches.pixels()[0]).isEqualTo(train.pixels()[order[seen] * 784]);
      seen += n;
      batchCount++;
    }
    assertThat(seen).isEqualTo(546);
    assertThat(batchCount).isEqualTo(6);
  }

  private ShardCache cache(long maxBytes) {
    return new ShardCache(
        cacheDirectory,
        maxBytes,
        key -> {
          downloads.incrementAndGet();
          return Files.newInputStream(remote.resolve(key));
        });
  }

  private void publish(String key, LabeledImages images) throws IOException {
    Path file = remote.resolve(key);
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      ImageShardCodec.write(images, out);
    }
  }
}
