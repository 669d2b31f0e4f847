package org.medxfer.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetUploaderTest {

  @Test
  void zipsTheShippedDicomFolderWithRelativeNames() throws Exception {
    Path zip = DatasetUploader.zipFolder(Path.of("../data/dicom"));
    try (ZipFile file = new ZipFile(zip.toFile())) {
      assertThat(file.getEntry("labels.csv")).isNotNull();
      assertThat(file.getEntry("MR_small_RLE.dcm").getSize())
          .isEqualTo(Files.size(Path.of("../data/dicom/MR_small_RLE.dcm")));
    } finally {
      Files.delete(zip);
    }
  }

  @Test
  void aFolderWithoutLabelsCsvIsRefusedByName(@TempDir Path folder) {
    assertThatThrownBy(() -> DatasetUploader.zipFolder(folder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no labels.csv");
  }
}
