package org.medxfer.trainer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import org.junit.jupiter.api.Test;
import org.medxfer.proto.dataset.v1.ImageShape;
import org.medxfer.proto.dataset.v1.TaskType;
import org.medxfer.proto.trial.v1.Adaptation;
import org.medxfer.proto.trial.v1.AdaptationKind;
import org.medxfer.proto.trial.v1.Augmentation;
import org.medxfer.proto.trial.v1.ConvBlock;
import org.medxfer.proto.trial.v1.CustomCnn;
import org.medxfer.proto.trial.v1.DataLocation;
import org.medxfer.proto.trial.v1.InitKind;
import org.medxfer.proto.trial.v1.Initialization;
import org.medxfer.proto.trial.v1.Normalization;
import org.medxfer.proto.trial.v1.OptimizerKind;
import org.medxfer.proto.trial.v1.PoolKind;
import org.medxfer.proto.trial.v1.Precision;
import org.medxfer.proto.trial.v1.ResizeMode;
import org.medxfer.proto.trial.v1.Schedule;
import org.medxfer.proto.trial.v1.ScheduleKind;
import org.medxfer.proto.trial.v1.TrainingSettings;
import org.medxfer.proto.trial.v1.TrialAssignment;
import org.medxfer.proto.trial.v1.TrialSpec;
import org.medxfer.trainer.domain.Architecture;
import org.medxfer.trainer.domain.CustomCnnDesign;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.TrainingOptions;
import org.medxfer.trainer.domain.TrainingSpec;
import org.medxfer.trainer.domain.TrialFailedException;
import org.medxfer.trainer.domain.TrialRun;

class TrialAssignmentMapperTest {

  private final TrialAssignmentMapper mapper =
      new TrialAssignmentMapper(
          (architecture, name) ->
              architecture == Architecture.MOBILENET_V1_025
                  && name.equals("mobilenet_v1_025_imagenet"));

  private static TrialAssignment.Builder assignment() {
    return TrialAssignment.newBuilder()
        .setTrial("studies/s/trials/t")
        .setStudy("studies/s")
        .setAttempt(2)
        .setOutputPrefix("studies/s/trials/t/attempts/2/")
        .setSpec(
            TrialSpec.newBuilder()
                .setArchitecture("mobilenet_v1_025")
                .setInit(
                    Initialization.newBuilder()
                        .setKind(InitKind.INIT_KIND_IMAGENET)
                        .setWeights("mobilenet_v1_025_imagenet"))
                .setAdaptation(Adaptation.newBuilder().setKind(AdaptationKind.ADAPTATION_KIND_FULL))
                .setResolution(64)
                .setSeed(7)
                .setLabelFraction(0.5)
                .setTraining(
                    TrainingSettings.newBuilder()
                        .setEpochs(20)
                        .setBatchSize(32)
                        .setLearningRate(1e-3)
                        .setEarlyStoppingPatience(4)))
        .setData(
            DataLocation.newBuilder()
                .setTaskType(TaskType.TASK_TYPE_ORDINAL)
                .setNumClasses(5)
                .setImageShape(ImageShape.newBuilder().setHeight(28).setWidth(28).setChannels(3))
                .setTrainShardKey("a")
                .setValShardKey("b")
                .setTestShardKey("c"));
  }

  @Test
  void mapsEveryFieldTheTrainerUses() {
    TrialRun run = mapper.toTrialRun(assignment().build());

    assertThat(run.trial()).isEqualTo("studies/s/trials/t");
    assertThat(run.attempt()).isEqualTo(2);
    assertThat(run.channels()).isEqualTo(3);
    assertThat(run.spec().architecture()).isEqualTo(Architecture.MOBILENET_V1_025);
    assertThat(run.spec().initialization())
        .isEqualTo(org.medxfer.trainer.domain.Initialization.IMAGENET);
    assertThat(run.spec().taskType())
        .as("ordinal grades train as k-way classification")
        .isEqualTo(org.medxfer.trainer.domain.TaskType.ORDINAL);
    assertThat(run.spec().numClasses()).isEqualTo(5);
    assertThat(run.spec().resolution()).isEqualTo(64);
    assertThat(run.spec().seed()).isEqualTo(7);
    assertThat(run.spec().labelFraction()).isEqualTo(0.5);
    assertThat(run.spec().earlyStoppingPatience()).isEqualTo(4);
  }

  @Test
  void multiLabelTrainsWithOneOutputPerLabel() {
    TrialAssignment.Builder builder = assignment();
    builder.getDataBuilder().setTaskType(TaskType.TASK_TYPE_MULTI_LABEL).setNumClasses(14);
    TrialRun run = mapper.toTrialRun(builder.build());
    assertThat(run.spec().taskType()).isEqualTo(org.medxfer.trainer.domain.TaskType.MULTI_LABEL);
    assertThat(run.spec().numClasses()).isEqualTo(14);
  }

  @Test
  void unsetLabelFractionMeansTheWholeSplit() {
    TrialAssignment.Builder builder = assignment();
    builder.getSpecBuilder().clearLabelFraction();
    assertThat(mapper.toTrialRun(builder.build()).spec().labelFraction()).isEqualTo(1.0);
  }

  @Test
  void listsEveryBadChoiceInOneInvalidSpec() {
    TrialAssignment.Builder builder = assignment();
    builder.getSpecBuilder().getAdaptationBuilder().setKind(AdaptationKind.ADAPTATION_KIND_LP_FT);
    builder.getSpecBuilder().getInitBuilder().setWeights("someone_elses_weights");
    builder.getSpecBuilder().getTrainingBuilder().setMomentum(1.5);
    builder.getDataBuilder().clearTestShardKey();

    assertThatThrownBy(() -> mapper.toTrialRun(builder.build()))
        .isInstanceOfSatisfying(
            TrialFailedException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.INVALID_SPEC))
        .hasMessageContaining("adaptation.linear_probe_epochs")
        .hasMessageContaining("someone_elses_weights")
        .hasMessageContaining("momentum")
        .hasMessageContaining("shard keys");
  }

  @Test
  void mapsInitialisationsAdaptationOptimiserScheduleAndPipeline() {
    TrialAssignment.Builder builder = assignment();
    TrialSpec.Builder spec = builder.getSpecBuilder();
    spec.getInitBuilder().setKind(InitKind.INIT_KIND_PARTIAL).setUpToBlock(4);
    spec.getAdaptationBuilder()
        .setKind(AdaptationKind.ADAPTATION_KIND_LP_FT)
        .setLinearProbeEpochs(5);
    spec.setResize(ResizeMode.RESIZE_MODE_PAD);
    spec.getTrainingBuilder()
        .setOptimizer(OptimizerKind.OPTIMIZER_KIND_SGD)
        .setMomentum(0.9)
        .setBackboneLearningRate(1e-4)
        .setWeightDecay(5e-4)
        .setPrecision(Precision.PRECISION_BF16_MIXED)
        .setNormalization(Normalization.NORMALIZATION_DATASET)
        .setSchedule(
            Schedule.newBuilder()
                .setKind(ScheduleKind.SCHEDULE_KIND_STEP)
                .addMilestones(0.5)
                .addMilestones(0.75)
                .setGamma(0.1))
        .setAugmentation(
            Augmentation.newBuilder()
                .setHorizontalFlip(true)
                .setMaxShift(0.1)
                .setMaxRotationDegrees(15));

    TrainingSpec mapped = mapper.toTrialRun(builder.build()).spec();
    TrainingOptions options = mapped.options();

    assertThat(mapped.initialization())
        .isEqualTo(org.medxfer.trainer.domain.Initialization.PARTIAL);
    assertThat(options.initUpToBlock()).isEqualTo(4);
    assertThat(options.adaptation())
        .isEqualTo(
            new org.medxfer.trainer.domain.Adaptation(
                org.medxfer.trainer.domain.Adaptation.Kind.LP_FT, 0, 5));
    assertThat(options.optimizer()).isEqualTo(TrainingOptions.Optimizer.SGD);
    assertThat(options.momentum()).isEqualTo(0.9);
    assertThat(options.backboneLearningRate()).isEqualTo(1e-4);
    assertThat(options.weightDecay()).isEqualTo(5e-4);
    assertThat(options.precision()).isEqualTo(TrainingOptions.Precision.BF16_MIXED);
    assertThat(options.normalization()).isEqualTo(TrainingOptions.Normalization.DATASET);
    assertThat(options.resize()).isEqualTo(TrainingOptions.ResizeMode.PAD);
    assertThat(options.schedule().factor(16, 20))
        .isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(options.augmentation())
        .isEqualTo(new org.medxfer.trainer.domain.Augmentation(true, false, 0.1, 15));
  }

  @Test
  void aTrialCheckpointInitNeedsItsSourceTrial() {
    TrialAssignment.Builder builder = assignment();
    builder.getSpecBuilder().getInitBuilder().setKind(InitKind.INIT_KIND_TRIAL_CHECKPOINT);
    assertThatThrownBy(() -> mapper.toTrialRun(builder.build()))
        .hasMessageContaining("init.source_trial");

    builder.getSpecBuilder().getInitBuilder().setSourceTrial("studies/s/trials/pretrain");
    assertThat(mapper.toTrialRun(builder.build()).spec().options().sourceTrial())
        .isEqualTo("studies/s/trials/pretrain");
  }

  @Test
  void aCustomCnnTravelsAsItsDesignUnderTheStudysName() {
    TrialAssignment.Builder builder = assignment();
    builder
        .getSpecBuilder()
        .setArchitecture("tiny3")
        .setInit(Initialization.newBuilder().setKind(InitKind.INIT_KIND_RANDOM))
        .setCustomCnn(
            CustomCnn.newBuilder()
                .addBlocks(
                    ConvBlock.newBuilder()
                        .setFilters(8)
                        .setBatchNorm(true)
                        .setPool(PoolKind.POOL_KIND_MAX))
                .addBlocks(ConvBlock.newBuilder().setFilters(16).setConvs(2).setKernelSize(5))
                .setDropout(0.25));

    TrialRun run = mapper.toTrialRun(builder.build());

    assertThat(run.spec().architecture()).isEqualTo(Architecture.CUSTOM_CNN);
    CustomCnnDesign design = run.spec().options().customCnn();
    assertThat(design.blocks())
        .containsExactly(
            new CustomCnnDesign.Block(8, 3, 1, true, CustomCnnDesign.Pool.MAX),
            new CustomCnnDesign.Block(16, 5, 2, false, CustomCnnDesign.Pool.NONE));
    assertThat(design.dropout()).isEqualTo(0.25);
    // LP-FT and the other policies derive options by copy: the design must survive every copy.
    assertThat(
            run.spec()
                .options()
                .withAdaptation(run.spec().options().adaptation())
                .withPrecision(run.spec().options().precision())
                .withInit(0, "")
                .customCnn())
        .isEqualTo(design);
  }

  @Test
  void unknownArchitectureIsUnsupportedArchitecture() {
    TrialAssignment.Builder builder = assignment();
    builder.getSpecBuilder().setArchitecture("vgg_1000");
    assertThatThrownBy(() -> mapper.toTrialRun(builder.build()))
        .isInstanceOfSatisfying(
            TrialFailedException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.UNSUPPORTED_ARCHITECTURE));
  }

  @Test
  void failuresBecomeStatusesWithErrorInfo() throws Exception {
    com.google.rpc.Status status =
        TrialFailureMapper.toStatus(
            FailureReason.WEIGHTS_MISSING, "no file", "studies/s/trials/t", 2);

    assertThat(status.getCode()).isEqualTo(Code.FAILED_PRECONDITION_VALUE);
    assertThat(status.getMessage()).isEqualTo("no file");
    ErrorInfo info = status.getDetails(0).unpack(ErrorInfo.class);
    assertThat(info.getReason()).isEqualTo("WEIGHTS_MISSING");
    assertThat(info.getDomain()).isEqualTo("medxfer.org");
    assertThat(info.getMetadataMap()).containsEntry("attempt", "2");
    for (FailureReason reason : FailureReason.values()) {
      assertThat(TrialFailureMapper.code(reason)).isNotEqualTo(Code.OK);
    }
  }
}
