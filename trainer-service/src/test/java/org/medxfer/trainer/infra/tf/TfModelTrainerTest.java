package org.medxfer.trainer.infra.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medxfer.trainer.domain.Architecture;
import org.medxfer.trainer.domain.CustomCnnDesign;
import org.medxfer.trainer.domain.DataSplit;
import org.medxfer.trainer.domain.EpochMetrics;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.Initialization;
import org.medxfer.trainer.domain.RocAuc;
import org.medxfer.trainer.domain.TaskType;
import org.medxfer.trainer.domain.TrainingResult;
import org.medxfer.trainer.domain.TrainingSpec;
import org.medxfer.trainer.domain.TrialFailedException;
import org.medxfer.trainer.fixtures.MedMnist;
import org.medxfer.trainer.fixtures.Paths;
import org.medxfer.trainer.fixtures.SyntheticImages;

/** Real training on BreastMNIST (546/78/156 grey 28x28 images, binary). */
class TfModelTrainerTest {

  private static MedMnist breast;
  private final TfModelTrainer trainer =
      new TfModelTrainer(Paths.weightsDir(), WeightRegistry.bundled(), 2);

  @BeforeAll
  static void readData() {
    breast = MedMnist.breast();
  }

  private static TrainingSpec smallCnn(int epochs, long seed) {
    return spec(Architecture.CNN_SMALL, Initialization.RANDOM, epochs, seed, 28, 1e-3);
  }

  private static TrainingSpec spec(
      Architecture architecture,
      Initialization init,
      int epochs,
      long seed,
      int resolution,
      double lr) {
    return TrainingSpec.of(
        architecture, init, epochs, 32, lr, seed, resolution, 2, TaskType.BINARY);
  }

  @Test
  void smallCnnLearnsBreastMnist() {
    List<EpochMetrics> seen = new ArrayList<>();
    TrainingResult result = trainer.train(smallCnn(4, 1), breast, seen::add);

    assertThat(seen).hasSize(4).isEqualTo(result.curve());
    assertThat(result.steps()).isEqualTo(4 * (546 / 32));
    assertThat(result.testScores().count()).isEqualTo(156);
    assertThat(result.testLabels()).containsExactly(breast.split(DataSplit.TEST).labels());
    assertThat(RocAuc.of(result.testScores(), result.testLabels(), TaskType.BINARY))
        .isGreaterThan(0.75);
    assertThat(result.curve().get(3).trainLoss()).isLessThan(result.curve().get(0).trainLoss());
    for (int i = 0; i < result.testScores().count(); i++) {
      assertThat(result.testScores().get(i, 0) + result.testScores().get(i, 1))
          .isBetween(0.999f, 1.001f);
    }
  }

  @Test
  void aStudyDefinedCnnTrainsOnBreastMnist() {
    CustomCnnDesign design =
        new CustomCnnDesign(
            List.of(
                new CustomCnnDesign.Block(8, 3, 1, true, CustomCnnDesign.Pool.MAX),
                new CustomCnnDesign.Block(16, 3, 1, true, CustomCnnDesign.Pool.NONE)),
            0);
    TrainingSpec base = smallCnn(3, 2);
    TrainingSpec custom =
        new TrainingSpec(
            Architecture.CUSTOM_CNN,
            base.initialization(),
            base.epochs(),
            base.batchSize(),
            base.learningRate(),
            base.seed(),
            base.resolution(),
            base.numClasses(),
            base.taskType(),
            base.labelFraction(),
            base.earlyStoppingPatience(),
            base.options().withCustomCnn(design));

    TrainingResult result = trainer.train(custom, breast, metrics -> {});

    assertThat(result.curve()).hasSize(3);
    assertThat(result.curve().get(2).trainLoss()).isLessThan(result.curve().get(0).trainLoss());
    // Two small blocks on one grey channel and a 16 -> 2 head: the design, not cnn_small (88k).
    assertThat(trainer.parameterCounts(custom, 1).trainable()).isLessThan(5_000);
  }

  @Test
  void sameSeedGivesBitIdenticalPredictionsAndCurves() {
    TrainingResult first = trainer.train(smallCnn(2, 42), breast, m -> {});
    TrainingResult second = trainer.train(smallCnn(2, 42), breast, m -> {});
    TrainingResult otherSeed = trainer.train(smallCnn(2, 43), breast, m -> {});

    assertThat(second.testScores().values()).containsExactly(first.testScores().values());
    assertThat(second.curve())
        .extracting(EpochMetrics::trainLoss, EpochMetrics::valLoss, EpochMetrics::valAuc)
        .isEqualTo(
            first.curve().stream()
                .map(
                    m ->
                        org.assertj.core.groups.Tuple.tuple(m.trainLoss(), m.valLoss(), m.valAuc()))
                .toList());
    assertThat(otherSeed.testScores().values()).isNotEqualTo(first.testScores().values());
  }

  @Test
  void testSplitIsPredictedWithTheBestEpochsWeightsNotTheLast() {
    TrainingResult full = trainer.train(smallCnn(5, 1), breast, m -> {});
    assumeThat(full.bestEpoch()).as("needs a run whose best epoch is not the last").isLessThan(5);

    // Same seed, stopped at the best epoch: identical up to there, so identical test scores only
    // if the longer run really predicted with a copy of that epoch's weights.
    TrainingResult stopped = trainer.train(smallCnn(full.bestEpoch(), 1), breast, m -> {});
    assertThat(stopped.bestEpoch()).isEqualTo(full.bestEpoch());
    assertThat(full.testScores().values()).containsExactly(stopped.testScores().values());
  }

  @Test
  void earlyStoppingEndsAfterPatienceEpochsWithoutABetterValidationAuc() {
    TrainingSpec spec =
        new TrainingSpec(
            Architecture.CNN_SMALL,
            Initialization.RANDOM,
            12,
            32,
            1e-3,
            1,
            28,
            2,
            TaskType.BINARY,
            0.5,
            2);
    TrainingResult result = trainer.train(spec, breast, m -> {});

    assertThat(result.curve().size())
        .isLessThanOrEqualTo(12)
        .isEqualTo(Math.min(12, result.bestEpoch() + 2));
    // Half the labels: 273 of 546 training images, 8 steps of 32 per epoch.
    assertThat(result.steps()).isEqualTo(result.curve().size() * (273 / 32));
  }

  @Test
  void rgbMultiClassImagesTrainWithOneScorePerClass() {
    TrainingSpec spec =
        TrainingSpec.of(
            Architecture.CNN_SMALL,
            Initialization.RANDOM,
            3,
            16,
            3e-3,
            5,
            16,
            4,
            TaskType.MULTI_CLASS);
    TrainingResult result = trainer.train(spec, new SyntheticImages(4, 16), m -> {});

    assertThat(result.testScores().classes()).isEqualTo(4);
    assertThat(RocAuc.of(result.testScores(), result.testLabels(), TaskType.MULTI_CLASS))
        .isGreaterThan(0.7);
  }

  @Test
  void imageNetArchitecturesTrainOnGreyImagesUpsampled() {
    TrainingResult mobileNet =
        trainer.train(
            spec(Architecture.MOBILENET_V1_025, Initialization.IMAGENET, 1, 3, 32, 1e-3),
            breast,
            m -> {});
    TrainingResult squeezeNet =
        trainer.train(
            spec(Architecture.SQUEEZENET1_1, Initialization.IMAGENET, 1, 3, 32, 1e-3),
            breast,
            m -> {});
    for (TrainingResult result : List.of(mobileNet, squeezeNet)) {
      assertThat(result.curve()).hasSize(1);
      assertThat(result.curve().get(0).trainLoss()).isFinite();
      assertThat(result.testScores().count()).isEqualTo(156);
    }
  }

  @Test
  void squeezeNetRejectsResolutionsItsPoolsShrinkToNothing() {
    assertThatThrownBy(
            () ->
                trainer.train(
                    spec(Architecture.SQUEEZENET1_1, Initialization.RANDOM, 1, 1, 28, 1e-3),
                    breast,
                    m -> {}))
        .isInstanceOfSatisfying(
            TrialFailedException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.UNSUPPORTED_RESOLUTION))
        .hasMessageContaining("squeezenet1_1 needs inputs of at least 31x31");
    assertThat(SqueezeNet11Network.featureMapSize(31)).isEqualTo(1);
    assertThat(SqueezeNet11Network.featureMapSize(30)).isZero();
    assertThat(SqueezeNet11Network.featureMapSize(64)).isEqualTo(3);
  }

  @Test
  void missingWeightsFailBeforeTrainingNamingTheFile(@TempDir Path emptyWeightsDir) {
    TfModelTrainer withoutWeights =
        new TfModelTrainer(emptyWeightsDir, WeightRegistry.bundled(), 2);
    assertThatThrownBy(
            () ->
                withoutWeights.train(
                    spec(Architecture.MOBILENET_V1_025, Initialization.IMAGENET, 1, 1, 32, 1e-3),
                    split -> {
                      throw new AssertionError("data must not be read when weights are missing");
                    },
                    m -> {}))
        .isInstanceOfSatisfying(
            TrialFailedException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.WEIGHTS_MISSING))
        .hasMessageContaining("mobilenet_2_5_224_tf_no_top.h5");
  }

  @Test
  void smallCnnHasNoImageNetWeights() {
    assertThatThrownBy(
            () ->
                trainer.train(
                    spec(Architecture.CNN_SMALL, Initialization.IMAGENET, 1, 1, 28, 1e-3),
                    breast,
                    m -> {}))
        .isInstanceOfSatisfying(
            TrialFailedException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.INVALID_SPEC));
  }

  @Test
  void explodingLossFailsAsDivergedNamingTheStep() {
    assertThatThrownBy(
            () ->
                trainer.train(
                    spec(Architecture.CNN_SMALL, Initialization.RANDOM, 3, 1, 28, 1e30),
                    breast,
                    m -> {}))
        .isInstanceOfSatisfying(
            TrialFailedException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.DIVERGED))
        .hasMessageMatching("training loss is .* at step \\d+ .*");
  }

  @Test
  void shuffleIsAPermutationFixedBySeedAndEpoch() {
    int[] order = TfModelTrainer.shuffledOrder(100, 9, 2);
    assertThat(order).hasSize(100);
    assertThat(java.util.Arrays.stream(order).sorted().toArray())
        .containsExactly(java.util.stream.IntStream.range(0, 100).toArray());
    assertThat(TfModelTrainer.shuffledOrder(100, 9, 2)).containsExactly(order);
    assertThat(TfModelTrainer.shuffledOrder(100, 9, 3)).isNotEqualTo(order);
  }
}
