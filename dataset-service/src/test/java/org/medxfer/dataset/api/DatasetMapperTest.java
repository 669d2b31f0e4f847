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
}
