package org.medxfer.dataset.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.medxfer.dataset.domain.DatasetCursor;
import org.medxfer.dataset.domain.InvalidRequestException;

class DatasetMapperTest {

  @Test
  void aPageTokenCarriesTheCursorToMicroseconds() {
    DatasetCursor cursor = new DatasetCursor(Instant.parse("2026-11-29T01:53:12.123456Z"), "a-b1");

    assertThat(DatasetMapper.fromPageToken(DatasetMapper.toPageToken(cursor))).contains(cursor);
  }

  @Test
  void anEmptyPageTokenMeansTheFirstPage() {
    assertThat(DatasetMapper.fromPageToken("")).isEmpty();
  }

  @Test
  void refusesAPageTokenItDidNotIssue() {
    assertThatThrownBy(() -> DatasetMapper.fromPageToken("not-a-token"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("page_token"));
  }

  @Test
  void parsesVersionNamesWithAnIdOrLatest() {
    assertThat(DatasetMapper.parseVersionName("datasets/breastmnist/versions/0123456789abcdef"))
        .isEqualTo(new DatasetMapper.VersionRef("breastmnist", "0123456789abcdef"));
    assertThat(DatasetMapper.parseVersionName("datasets/breastmnist/versions/latest"))
        .isEqualTo(new DatasetMapper.VersionRef("breastmnist", "latest"));
  }

  @Test
  void refusesMalformedNames() {
    assertThatThrownBy(() -> DatasetMapper.parseDatasetName("datasets/Breast"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("datasets/{dataset}");
    assertThatThrownBy(() -> DatasetMapper.parseVersionName("datasets/breastmnist/versions/v1"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("latest");
  }

  @Test
  void anImportRequestCarriesSizeWindowAndSplitPlanWithDefaultShares() {
    org.medxfer.dataset.domain.ImportRequest request =
        DatasetMapper.toImportRequest(
            org.medxfer.proto.dataset.v1.ImportDatasetRequest.newBuilder()
                .setFormat(org.medxfer.proto.dataset.v1.DatasetFormat.DATASET_FORMAT_DICOM)
                .setImageSize(64)
                .setWindow(
                    org.medxfer.proto.dataset.v1.DicomWindow.newBuilder()
                        .setCenter(40)
                        .setWidth(400))
                .setSplitPlan(org.medxfer.proto.dataset.v1.SplitPlan.newBuilder().setSeed(7))
                .build());

    assertThat(request.format()).isEqualTo(org.medxfer.dataset.domain.DatasetFormat.DICOM);
    assertThat(request.imageSize()).isEqualTo(64);
    assertThat(request.window()).contains(new org.medxfer.dataset.domain.dicom.Window(40, 400));
    assertThat(request.splitPlan())
        .isEqualTo(new org.medxfer.dataset.domain.SplitPlan(7, 0.1, 0.2));
  }

  @Test
  void aWindowWithoutWidthIsRefusedByField() {
    assertThatThrownBy(
            () ->
                DatasetMapper.toImportRequest(
                    org.medxfer.proto.dataset.v1.ImportDatasetRequest.newBuilder()
                        .setWindow(
                            org.medxfer.proto.dataset.v1.DicomWindow.newBuilder().setCenter(40))
                        .build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.reason())
                  .isEqualTo(InvalidRequestException.Reason.INVALID_IMPORT_REQUEST);
              assertThat(e.violations().get(0).field()).isEqualTo("window.width");
            });
  }
}
