package org.medxfer.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.medxfer.cli.client.KnownDatasets;
import org.medxfer.proto.dataset.v1.Dataset;
import org.medxfer.proto.dataset.v1.DatasetState;
import org.medxfer.proto.dataset.v1.DatasetVersion;
import org.medxfer.proto.dataset.v1.ImageShape;
import org.medxfer.proto.dataset.v1.PixelStatistics;
import org.medxfer.proto.dataset.v1.Split;
import org.medxfer.proto.dataset.v1.SplitInfo;

class DatasetsCommandTest {

  @Test
  void showPrintsTheCardPixelStatisticsAndCountsPerSplitAndClass() {
    DatasetVersion version =
        DatasetVersion.newBuilder()
            .setName("datasets/retinamnist/versions/0123456789abcdef")
            .setCard(KnownDatasets.find("retinamnist").orElseThrow().card())
            .setImageShape(ImageShape.newBuilder().setHeight(28).setWidth(28).setChannels(3))
            .setPixelStatistics(
                PixelStatistics.newBuilder()
                    .addMean(160.4)
                    .addStd(40)
                    .addMin(0)
                    .addMax(255)
                    .addMean(80)
                    .addStd(30)
                    .addMin(0)
                    .addMax(250)
                    .addMean(50)
                    .addStd(20)
                    .addMin(0)
                    .addMax(240))
            .addSplits(
                SplitInfo.newBuilder()
                    .setSplit(Split.SPLIT_TRAIN)
                    .setCount(1080)
                    .addClassCounts(486)
                    .addClassCounts(128)
                    .addClassCounts(206)
                    .addClassCounts(194)
                    .addClassCounts(66))
            .build();
    Dataset dataset =
        Dataset.newBuilder()
            .setName("datasets/retinamnist")
            .setDisplayName("RetinaMNIST")
            .setState(DatasetState.DATASET_STATE_READY)
            .build();

    String text = DatasetsCommand.show(dataset, version);

    assertThat(text)
        .contains("task:         ordinal")
        .contains("grade_0, grade_1, grade_2, grade_3, grade_4")
        .contains("images:       28x28x3")
        .contains("mean 160.4 sd 40.0 range 0-255; mean 80.0")
        .containsPattern("train\\s+1080\\s+486\\s+128\\s+206\\s+194\\s+66");
  }
}
