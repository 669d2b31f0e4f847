package org.medxfer.dataset.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medxfer.dataset.domain.InvalidRequestException;

class UploadSpoolTest {

  @TempDir Path directory;

  @Test
  void collectsChunksInOrderAndHandsTheFileOver() throws IOException {
    Path path = directory.resolve("upload.npz");
    try (UploadSpool spool = new UploadSpool(path, 10)) {
      spool.append(new byte[] {1, 2, 3});
      spool.append(new byte[] {4, 5});
      try (SpooledFile file = spool.finish("breastmnist.npz")) {
        assertThat(Files.readAllBytes(file.path())).containsExactly(1, 2, 3, 4, 5);
        assertThat(file.size()).isEqualTo(5);
      }
    }
    assertThat(path).doesNotExist();
  }

  @Test
  void refusesTheChunkThatPassesTheLimit() throws IOException {
    try (UploadSpool spool = new UploadSpool(directory.resolve("upload.npz"), 4)) {
      spool.append(new byte[] {1, 2, 3, 4});

      assertThatThrownBy(() -> spool.append(new byte[] {5}))
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(InvalidRequestException.Reason.FILE_TOO_LARGE);
                assertThat(e.getMessage()).contains("4 bytes");
              });
      assertThat(spool.size()).isEqualTo(4);
    }
  }

  @Test
  void anAbandonedUploadLeavesNoFile() throws IOException {
    Path path = directory.resolve("upload.npz");
    UploadSpool spool = new UploadSpool(path, 10);
    spool.append(new byte[] {1});
    spool.close();

    assertThat(path).doesNotExist();
  }
}
