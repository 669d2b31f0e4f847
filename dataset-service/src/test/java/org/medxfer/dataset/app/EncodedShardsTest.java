package org.medxfer.dataset.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medxfer.dataset.fixtures.TestImages.grey2x2;
import static org.medxfer.dataset.fixtures.TestImages.splits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medxfer.common.images.ImageShardCodec;
import org.medxfer.common.images.LabeledImages;
import org.medxfer.dataset.domain.Split;

class EncodedShardsTest {

  @TempDir Path directory;

  private final Map<Split, LabeledImages> content =
      splits(grey2x2(0, 1, 1), grey2x2(1, 0), grey2x2(0));

  @Test
  void theHashIsSha256OfTheShardsInTrainValTestOrder() throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    for (Split split : Split.values()) {
      ByteArrayOutputStream shard = new ByteArrayOutputStream();
      ImageShardCodec.write(content.get(split), shard);
      sha256.update(shard.toByteArray());
    }
    String expected = HexFormat.of().formatHex(sha256.digest());

    try (EncodedShards shards = EncodedShards.encode(content, directory)) {
      assertThat(shards.contentHash()).isEqualTo(expected);
      assertThat(shards.versionId()).isEqualTo(expected.substring(0, 16));
    }
  }

  @Test
  void eachShardFileDecodesToItsSplit() throws IOException {
    try (EncodedShards shards = EncodedShards.encode(content, directory)) {
      for (Split split : Split.values()) {
        Path file = shards.files().get(split);
        assertThat(shards.sizes().get(split)).isEqualTo(Files.size(file));
        try (InputStream in = Files.newInputStream(file)) {
          assertThat(ImageShardCodec.read(in, file.toString())).isEqualTo(content.get(split));
        }
      }
    }
  }

  @Test
  void oneChangedLabelGivesAnotherVersion() {
    Map<Split, LabeledImages> relabelled = splits(grey2x2(0, 1, 1), grey2x2(1, 0), grey2x2(1));

    try (EncodedShards original = EncodedShards.encode(content, directory);
        EncodedShards again = EncodedShards.encode(content, directory);
        EncodedShards changed = EncodedShards.encode(relabelled, directory)) {
      assertThat(again.versionId()).isEqualTo(original.versionId());
      assertThat(changed.versionId()).isNotEqualTo(original.versionId());
    }
  }

  @Test
  void closingDeletesTheShardFiles() throws IOException {
    EncodedShards shards = EncodedShards.encode(content, directory);
    shards.close();

    try (var files = Files.list(directory)) {
      assertThat(files).isEmpty();
    }
  }
}
