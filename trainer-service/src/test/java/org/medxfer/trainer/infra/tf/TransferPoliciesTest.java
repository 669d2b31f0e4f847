package org.medxfer.trainer.infra.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medxfer.trainer.domain.Adaptation;
import org.medxfer.trainer.domain.Architecture;
import org.medxfer.trainer.domain.Augmentation;
import org.medxfer.trainer.domain.DataSplit;
import org.medxfer.trainer.domain.EpochMetrics;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.Initialization;
import org.medxfer.trainer.domain.LearningRateSchedule;
import org.medxfer.trainer.domain.RocAuc;
import org.medxfer.trainer.domain.Scores;
import org.medxfer.trainer.domain.TaskType;
import org.medxfer.trainer.domain.TrainingOptions;
import org.medxfer.trainer.domain.TrainingResult;
import org.medxfer.trainer.domain.TrainingSpec;
import org.medxfer.trainer.domain.TrialFailedException;
import org.medxfer.trainer.fixtures.InMemoryCheckpoints;
import org.medxfer.trainer.fixtures.MedMnist;
import org.medxfer.trainer.fixtures.Paths;
import org.tensorflow.Session;

/**
 * Initialisations, adaptation policies and resumption, with real training on BreastMNIST (binary,
 * grey) and RetinaMNIST (5 ordinal grades, RGB; also as four "grade > j" labels, multi-label) at 28
 * px.
 */
class TransferPoliciesTest {

  private static final Path MOBILENET =
      Paths.weightsDir().resolve("mobilenet_2_5_224_tf_no_top.h5");
  private static final Path SQUEEZENET =
      Paths.weightsDir().resolve("squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5");

  private static MedMnist breast;
  private final TfModelTrainer trainer =
      new TfModelTrainer(Paths.weightsDir(), WeightRegistry.bundled(), 2);

  @BeforeAll
  static void readData() {
    breast = MedMnist.breast();
  }

  private static TrainingSpec spec(
      Architecture architecture,
      Initialization init,
      int epochs,
      double lr,
      int classes,
      TaskType task,
      TrainingOptions options) {
    return new TrainingSpec(
        architecture, init, epochs, 32, lr, 7, 28, classes, task, 1.0, 0, options);
  }

  private static TrainingSpec breastSpec(
      Architecture architecture, Initialization init, int epochs, TrainingOptions options) {
    return spec(architecture, init, epochs, 1e-3, 2, TaskType.BINARY, options);
  }

  /** Every variable of a freshly initialised network, optionally with ImageNet weights loaded. */
  private static Map<String, float[]> startingWeights(TfNetwork network, Path imageNet) {
    network.buildInferencePass(28);
    try (Session session = new Session(network.graph())) {
      session.initialize();
      if (imageNet != null) {
        network.loadImageNetWeights(session, imageNet);
      }
      return network.variables().snapshot(session);
    }
  }

  private static Map<String, StoredState.Tensor> finalModel(InMemoryCheckpoints checkpoints) {
    return StoredState.decodeModel(checkpoints.finalModel()).variables();
  }

  @Test
  void importedImageNetWeightsEqualTheH5ArraysExactly() {
    assertAllBoundVariablesEqualTheFile(
        new MobileNetV1Network(2, 7), MOBILENET, MobileNetV1Network.imageNetBindings());
    assertAllBoundVariablesEqualTheFile(
        new SqueezeNet11Network(2, 7), SQUEEZENET, SqueezeNet11Network.imageNetBindings());
  }

  private static void assertAllBoundVariablesEqualTheFile(
      TfNetwork network, Path file, List<KerasWeightBinding> bindings) {
    try (network) {
      network.buildInferencePass(64);
      Map<String, float[]> fromFile =
          KerasWeightsFile.read(file).bind(bindings, network.variables());
      try (Session session = new Session(network.graph())) {
        session.initialize();
        network.loadImageNetWeights(session, file);
        assertThat(fromFile).hasSameSizeAs(bindings);
        for (Map.Entry<String, float[]> expected : fromFile.entrySet()) {
          assertThat(network.variables().read(session, expected.getKey()))
              .as(expected.getKey())
              .containsExactly(expected.getValue());
        }
      }
    }
  }

  @Test
  void linearProbeLeavesTheWholeBackboneBitIdentical() {
    Map<String, float[]> pretrained;
    try (TfNetwork network = new MobileNetV1Network(2, 7)) {
      pretrained = startingWeights(network, MOBILENET);
    }
    InMemoryCheckpoints checkpoints = new InMemoryCheckpoints("studies/s/trials/lp");
    TrainingOptions options =
        TrainingOptions.DEFAULTS.withAdaptation(new Adaptation(Adaptation.Kind.LINEAR_PROBE, 0, 0));
    trainer.train(
        breastSpec(Architecture.MOBILENET_V1_025, Initialization.IMAGENET, 1, options),
        breast,
        m -> {},
        checkpoints);

    Map<String, StoredState.Tensor> trained = finalModel(checkpoints);
    int backbone = 0;
    for (Map.Entry<String, StoredState.Tensor> variable : trained.entrySet()) {
      if (variable.getKey().startsWith(MobileNetV1Network.HEAD)) {
        assertThat(variable.getValue().values())
            .as(variable.getKey())
            .isNotEqualTo(pretrained.get(variable.getKey()));
      } else {
        backbone++;
        // Moving averages included: a frozen block's batch norm runs in inference mode.
        assertThat(variable.getValue().values())
            .as(variable.getKey())
            .containsExactly(pretrained.get(variable.getKey()));
      }
    }
    assertThat(backbone).isEqualTo(135);
  }

  @Test
  void linearProbesSharingABackboneComputeItsFeaturesOnce() {
    TfModelTrainer fresh = new TfModelTrainer(Paths.weightsDir(), WeightRegistry.bundled(), 2);
    TrainingOptions probe =
        TrainingOptions.DEFAULTS.withAdaptation(new Adaptation(Adaptation.Kind.LINEAR_PROBE, 0, 0));
    TrainingSpec first =
        breastSpec(Architecture.MOBILENET_V1_025, Initialization.IMAGENET, 2, probe);
    TrainingResult slow = fresh.train(first, breast, m -> {});
    assertThat(fresh.featuresComputed()).as("train and validation features").isEqualTo(2);

    // Another arm on the same weights and images: only the learning rate differs.
    TrainingSpec second =
        spec(
            Architecture.MOBILENET_V1_025,
            Initialization.IMAGENET,
            2,
            3e-3,
            2,
            TaskType.BINARY,
            probe);
    TrainingResult fast = fresh.train(second, breast, m -> {});
    assertThat(fresh.featuresComputed()).isEqualTo(2);
    assertThat(fast.testScores().values()).isNotEqualTo(slow.testScores().values());

    // A cache hit gives the same bits as the miss did.
    assertThat(fresh.train(first, breast, m -> {}).testScores().values())
        .containsExactly(slow.testScores().values());
    assertThat(fresh.featuresComputed()).isEqualTo(2);
  }

  @Test
  void freezeUpToBlockFreezesExactlyThoseBlocks() {
    Map<String, float[]> pretrained;
    List<String> blocks;
    Map<String, String> blockOf = new HashMap<>();
    try (TfNetwork network = new MobileNetV1Network(2, 7)) {
      pretrained = startingWeights(network, MOBILENET);
      blocks = network.blockNames();
      network.variables().entries().forEach(e -> blockOf.put(e.name(), e.block()));
    }
    InMemoryCheckpoints checkpoints = new InMemoryCheckpoints("studies/s/trials/freeze");
    TrainingOptions options =
        TrainingOptions.DEFAULTS.withAdaptation(
            new Adaptation(Adaptation.Kind.FREEZE_UP_TO_BLOCK, 3, 0));
    trainer.train(
        breastSpec(Architecture.MOBILENET_V1_025, Initialization.IMAGENET, 1, options),
        breast,
        m -> {},
        checkpoints);

    Map<String, StoredState.Tensor> trained = finalModel(checkpoints);
    List<String> frozen = blocks.subList(0, 3);
    for (Map.Entry<String, StoredState.Tensor> variable : trained.entrySet()) {
      String block = blockOf.get(variable.getKey());
      if (frozen.contains(block)) {
        assertThat(variable.getValue().values())
            .as(variable.getKey())
            .containsExactly(pretrained.get(variable.getKey()));
      } else if (variable.getKey().endsWith("kernel")) {
        assertThat(variable.getValue().values())
            .as(variable.getKey())
            .isNotEqualTo(pretrained.get(variable.getKey()));
      }
    }
  }

  @Test
  void lpFtProbesFirstThenFineTunesEverything() {
    Map<String, float[]> random;
    try (TfNetwork network = new SmallCnnNetwork(2, 1, 7)) {
      random = startingWeights(network, null);
    }
    InMemoryCheckpoints checkpoints = new InMemoryCheckpoints("studies/s/trials/lpft");
    List<Map<String, float[]>> afterEpoch = new ArrayList<>();
    TrainingOptions options =
        TrainingOptions.DEFAULTS.withAdaptation(new Adaptation(Adaptation.Kind.LP_FT, 0, 1));
    trainer.train(
        breastSpec(Architecture.CNN_SMALL, Initialization.RANDOM, 2, options),
        breast,
        // The checkpoint is saved before the epoch is reported; epoch 1 is always the best so far.
        m ->
            afterEpoch.add(
                StoredState.decodeCheckpoint(checkpoints.lastCheckpoint().orElseThrow()).best()),
        checkpoints);

    String kernel = "block1_conv/kernel";
    assertThat(afterEpoch.get(0).get(kernel)).containsExactly(random.get(kernel));
    assertThat(finalModel(checkpoints).get(kernel).values()).isNotEqualTo(random.get(kernel));
  }

  @Test
  void meanVarMatchesEachPretrainedTensorsMeanAndVariance() {
    try (TfNetwork network = new MobileNetV1Network(2, 7)) {
      network.buildInferencePass(28);
      try (Session session = new Session(network.graph())) {
        session.initialize();
        Map<String, float[]> random = network.variables().snapshot(session);
        network.loadImageNetWeights(session, MOBILENET);
        Map<String, float[]> pretrained = network.variables().snapshot(session);
        Map<String, float[]> drawn = WeightInitializer.meanVar(network, random, pretrained, 7);

        int checked = 0;
        for (ModelVariables.Entry entry : network.variables().entries()) {
          if (entry.block().equals(ModelVariables.HEAD_BLOCK)) {
            assertThat(drawn).doesNotContainKey(entry.name());
            continue;
          }
          float[] values = drawn.get(entry.name());
          if (!entry.trainable()) {
            assertThat(values).containsExactly(random.get(entry.name()));
            continue;
          }
          double[] source = moments(pretrained.get(entry.name()));
          double[] sample = moments(values);
          int n = values.length;
          assertThat(values).isNotEqualTo(pretrained.get(entry.name()));
          if (n >= 64 && source[1] > 0) {
            // Five standard errors: the mean's is sd/sqrt(n), the sd's about sd/sqrt(2n).
            assertThat(Math.abs(sample[0] - source[0]))
                .as(entry.name() + " mean")
                .isLessThan(5 * source[1] / Math.sqrt(n));
            assertThat(Math.abs(sample[1] / source[1] - 1))
                .as(entry.name() + " sd")
                .isLessThan(5 / Math.sqrt(2.0 * n));
            checked++;
          }
        }
        assertThat(checked).isGreaterThan(50);
      }
    }
  }

  /** Mean and population standard deviation. */
  private static double[] moments(float[] values) {
    double mean = 0;
    for (float v : values) {
      mean += v;
    }
    mean /= values.length;
    double variance = 0;
    for (float v : values) {
      variance += (v - mean) * (v - mean);
    }
    return new double[] {mean, Math.sqrt(variance / values.length)};
  }

  @Test
  void partialTransferIsPretrainedUpToTheBlockAndRandomAbove() {
    Map<String, float[]> random;
    Map<String, float[]> pretrained;
    try (TfNetwork network = new MobileNetV1Network(2, 7)) {
      random = startingWeights(network, null);
    }
    try (TfNetwork network = new MobileNetV1Network(2, 7)) {
      pretrained = startingWeights(network, MOBILENET);
    }
    TrainingSpec spec =
        breastSpec(
            Architecture.MOBILENET_V1_025,
            Initialization.PARTIAL,
            1,
            TrainingOptions.DEFAULTS.withInit(2, ""));
    try (TfNetwork network = new MobileNetV1Network(2, 7)) {
      network.buildInferencePass(28);
      List<String> blocks = network.blockNames();
      try (Session session = new Session(network.graph())) {
        session.initialize();
        WeightInitializer.apply(spec, network, session, MOBILENET, null);
        for (ModelVariables.Entry entry : network.variables().entries()) {
          int block = blocks.indexOf(entry.block());
          Map<String, float[]> expected = block >= 0 && block < 2 ? pretrained : random;
          assertThat(network.variables().read(session, entry.name()))
              .as(entry.name())
              .containsExactly(expected.get(entry.name()));
        }
      }
    }
  }

  @Test
  void resumeAfterInterruptionEqualsAnUninterruptedRun() {
    TrainingOptions options =
        new TrainingOptions(
            0,
            "",
            Adaptation.FULL,
            TrainingOptions.Optimizer.SGD,
            0.9,
            Double.NaN,
            1e-4,
            new LearningRateSchedule(LearningRateSchedule.Kind.STEP, new double[] {0.5}, 0.1),
            new Augmentation(true, true, 0.1, 10),
            TrainingOptions.ResizeMode.BILINEAR,
            TrainingOptions.Normalization.MATCHED,
            TrainingOptions.Precision.FP32,
            null);
    TrainingSpec spec =
        spec(Architecture.CNN_SMALL, Initialization.RANDOM, 3, 0.05, 2, TaskType.BINARY, options);

    InMemoryCheckpoints uninterrupted = new InMemoryCheckpoints("studies/s/trials/a");
    TrainingResult expected = trainer.train(spec, breast, m -> {}, uninterrupted);

    InMemoryCheckpoints interrupted = new InMemoryCheckpoints("studies/s/trials/b");
    assertThatThrownBy(
            () ->
                trainer.train(
                    spec,
                    breast,
                    m -> {
                      if (m.epoch() == 2) {
                        throw new IllegalStateException("trainer killed");
                      }
                    },
                    interrupted))
        .hasMessage("trainer killed");
    List<EpochMetrics> seen = new ArrayList<>();
    TrainingResult resumed = trainer.train(spec, breast, seen::add, interrupted);

    assertThat(interrupted.checkpointsSaved()).isEqualTo(3);
    assertThat(resumed.testScores().values()).containsExactly(expected.testScores().values());
    assertThat(resumed.steps()).isEqualTo(expected.steps());
    assertThat(resumed.bestEpoch()).isEqualTo(expected.bestEpoch());
    assertThat(seen).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
    assertThat(resumed.curve())
        .extracting(EpochMetrics::trainLoss, EpochMetrics::valLoss, EpochMetrics::valAuc)
        .isEqualTo(
            expected.curve().stream()
                .map(
                    m ->
                        org.assertj.core.groups.Tuple.tuple(m.trainLoss(), m.valLoss(), m.valAuc()))
                .toList());
    assertThat(interrupted.finalModel()).isEqualTo(uninterrupted.finalModel());
  }

  @Test
  void aTrialPretrainedOnOneDataSetStartsAnotherWithANewHead() {
    Map<String, byte[]> models = new HashMap<>();
    String source = "studies/s/trials/breast-pretraining";
    trainer.train(
        breastSpec(
            Architecture.MOBILENET_V1_025, Initialization.RANDOM, 1, TrainingOptions.DEFAULTS),
        breast,
        m -> {},
        new InMemoryCheckpoints(source, models));
    Map<String, StoredState.Tensor> pretrained =
        StoredState.decodeModel(models.get(source)).variables();

    // RetinaMNIST: RGB, 5 ordinal grades, so the 2-class head cannot be reused.
    MedMnist retina = MedMnist.retina();
    InMemoryCheckpoints target = new InMemoryCheckpoints("studies/s/trials/retina", models);
    TrainingSpec spec =
        spec(
            Architecture.MOBILENET_V1_025,
            Initialization.TRIAL_CHECKPOINT,
            2,
            1e-3,
            5,
            TaskType.ORDINAL,
            TrainingOptions.DEFAULTS.withInit(0, source));
    List<Map<String, float[]>> afterEpoch = new ArrayList<>();
    TrainingResult result =
        trainer.train(
            spec.withOptions(
                spec.options().withAdaptation(new Adaptation(Adaptation.Kind.LP_FT, 0, 1))),
            retina,
            m ->
                afterEpoch.add(
                    StoredState.decodeCheckpoint(target.lastCheckpoint().orElseThrow()).best()),
            target);

    // After the linear-probe epoch the backbone is still exactly the source trial's.
    assertThat(afterEpoch.get(0).get("conv1/kernel"))
        .containsExactly(pretrained.get("conv1/kernel").values());
    assertThat(
            StoredState.decodeModel(target.finalModel()).variables().get("logits/kernel").shape())
        .containsExactly(256, 5);
    // Learning itself is checked on RetinaMNIST below; here the mechanics of the transfer.
    assertThat(result.testScores().classes()).isEqualTo(5);
    assertThat(result.curve()).hasSize(2).allSatisfy(m -> assertThat(m.trainLoss()).isFinite());
  }

  @Test
  void ordinalGradesTrainOnRetinaMnist() {
    MedMnist retina = MedMnist.retina();
    TrainingResult result =
        trainer.train(
            spec(
                Architecture.CNN_SMALL,
                Initialization.RANDOM,
                3,
                3e-3,
                5,
                TaskType.ORDINAL,
                TrainingOptions.DEFAULTS),
            retina,
            m -> {});
    assertThat(result.testScores().classes()).isEqualTo(5);
    assertThat(result.curve().get(2).trainLoss()).isLessThan(result.curve().get(0).trainLoss());
    assertThat(RocAuc.of(result.testScores(), result.testLabels(), TaskType.ORDINAL))
        .isGreaterThan(0.6);
  }

  @Test
  void multiLabelGradesTrainOnRetinaMnistWithOneSigmoidPerLabel() {
    MedMnist grades = MedMnist.retinaGradesAbove();
    int[] testMasks = grades.split(DataSplit.TEST).labels();
    TrainingResult result =
        trainer.train(
            spec(
                Architecture.CNN_SMALL,
                Initialization.RANDOM,
                3,
                3e-3,
                4,
                TaskType.MULTI_LABEL,
                TrainingOptions.DEFAULTS),
            grades,
            m -> {});
    // The masks are stored as they came, and each label has its own probability, not a share.
    assertThat(result.testLabels()).containsExactly(testMasks);
    Scores scores = result.testScores();
    assertThat(scores.classes()).isEqualTo(4);
    for (float probability : scores.values()) {
      assertThat(probability).isBetween(0f, 1f);
    }
    assertThat(IntStream.range(0, scores.count()).mapToDouble(i -> rowSum(scores, i)))
        .anySatisfy(sum -> assertThat(Math.abs(sum - 1)).isGreaterThan(0.05));
    assertThat(result.curve()).allSatisfy(m -> assertThat(m.valAuc()).isBetween(0.0, 1.0));
    assertThat(result.curve().get(2).trainLoss()).isLessThan(result.curve().get(0).trainLoss());
    // Every label is learned: its AUC on the test split is above chance.
    for (int label = 0; label < 4; label++) {
      int[] present = new int[testMasks.length];
      for (int i = 0; i < present.length; i++) {
        present[i] = (testMasks[i] >>> label) & 1;
      }
      assertThat(RocAuc.oneVsRest(scores.column(label), present, 1))
          .as("test AUC of label 'grade > %d'", label)
          .isGreaterThan(0.6);
    }
  }

  @Test
  void aMultiLabelMaskBeyondTheLabelsFailsAsInvalidData() {
    assertThatThrownBy(
            () ->
                trainer.train(
                    spec(
                        Architecture.CNN_SMALL,
                        Initialization.RANDOM,
                        1,
                        1e-3,
                        3,
                        TaskType.MULTI_LABEL,
                        TrainingOptions.DEFAULTS),
                    MedMnist.retinaGradesAbove(),
                    m -> {}))
        .isInstanceOfSatisfying(
            TrialFailedException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.INVALID_DATA))
        .hasMessageContaining("label mask 15 sets a bit beyond the 3 labels");
  }

  private static double rowSum(Scores scores, int image) {
    double sum = 0;
    for (int k = 0; k < scores.classes(); k++) {
      sum += scores.get(image, k);
    }
    return sum;
  }

  @Test
  void aSourceModelOfAnotherShapeFailsNamingTheLayerAndBothShapes() {
    Map<String, byte[]> models = new HashMap<>();
    String source = "studies/s/trials/grey";
    trainer.train(
        breastSpec(Architecture.CNN_SMALL, Initialization.RANDOM, 1, TrainingOptions.DEFAULTS),
        breast,
        m -> {},
        new InMemoryCheckpoints(source, models));

    // cnn_small takes the data's channels: 1 for BreastMNIST, 3 for RetinaMNIST.
    TrainingSpec spec =
        spec(
            Architecture.CNN_SMALL,
            Initialization.TRIAL_CHECKPOINT,
            1,
            1e-3,
            5,
            TaskType.ORDINAL,
            TrainingOptions.DEFAULTS.withInit(0, source));
    assertThatThrownBy(
            () ->
                trainer.train(
                    spec,
                    MedMnist.retina(),
                    m -> {},
                    new InMemoryCheckpoints("studies/s/trials/rgb", models)))
        .isInstanceOf(TrialFailedException.class)
        .hasMessageContaining("block1_conv/kernel")
        .hasMessageContaining("[3, 3, 1, 16]")
        .hasMessageContaining("[3, 3, 3, 16]")
        .extracting(e -> ((TrialFailedException) e).reason())
        .isEqualTo(FailureReason.WEIGHTS_MISMATCH);
  }

  @Test
  void zeroPaddingTrainsAndRefusesToShrink() {
    TrainingOptions pad =
        new TrainingOptions(
            0,
            "",
            Adaptation.FULL,
            TrainingOptions.Optimizer.ADAM,
            0,
            Double.NaN,
            0,
            LearningRateSchedule.CONSTANT,
            Augmentation.NONE,
            TrainingOptions.ResizeMode.PAD,
            TrainingOptions.Normalization.DATASET,
            TrainingOptions.Precision.FP32,
            null);
    TrainingSpec padded =
        new TrainingSpec(
            Architecture.CNN_SMALL,
            Initialization.RANDOM,
            1,
            32,
            1e-3,
            7,
            32,
            2,
            TaskType.BINARY,
            1.0,
            0,
            pad);
    assertThat(trainer.train(padded, breast, m -> {}).curve()).hasSize(1);

    TrainingSpec shrunk =
        new TrainingSpec(
            Architecture.CNN_SMALL,
            Initialization.RANDOM,
            1,
            32,
            1e-3,
            7,
            20,
            2,
            TaskType.BINARY,
            1.0,
            0,
            pad);
    assertThatThrownBy(() -> trainer.train(shrunk, breast, m -> {}))
        .isInstanceOf(TrialFailedException.class)
        .hasMessageContaining("resize PAD");
  }

  @Test
  void bf16MixedPrecisionTrains() {
    TrainingSpec spec =
        breastSpec(
            Architecture.CNN_SMALL,
            Initialization.RANDOM,
            1,
            TrainingOptions.DEFAULTS.withPrecision(TrainingOptions.Precision.BF16_MIXED));
    TrainingResult result = trainer.train(spec, breast, m -> {});
    assertThat(result.curve().get(0).trainLoss()).isFinite();
  }
}
