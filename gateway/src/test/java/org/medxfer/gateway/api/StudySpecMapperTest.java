package org.medxfer.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medxfer.gateway.domain.StudyDefinition;
import org.medxfer.gateway.domain.StudyFileReader;
import org.medxfer.gateway.domain.StudyValidator;
import org.medxfer.gateway.domain.Violation;
import org.medxfer.gateway.fixtures.StudyFiles;
import org.medxfer.gateway.infra.yaml.YamlStudyFileParser;
import org.medxfer.proto.study.v1.StudySpec;
import org.medxfer.proto.trial.v1.Adaptation;
import org.medxfer.proto.trial.v1.AdaptationKind;
import org.medxfer.proto.trial.v1.InitKind;
import org.medxfer.proto.trial.v1.Initialization;
import org.medxfer.proto.trial.v1.TrainingSettings;

class StudySpecMapperTest {

  @Test
  void aStudyFileAndItsSpecDescribeTheSameStudy() {
    StudyFileReader.Reading reading = new YamlStudyFileParser().parse(StudyFiles.BREAST_DEMO);
    StudyDefinition fromFile = reading.definition();

    StudySpec spec = StudySpecMapper.toProto(fromFile);
    StudyDefinition fromSpec = StudySpecMapper.toDomain(spec, fromFile.displayName());

    assertThat(fromSpec).isEqualTo(fromFile);
    assertThat(spec.getInitsList())
        .extracting(Initialization::getKind)
        .containsExactly(InitKind.INIT_KIND_RANDOM, InitKind.INIT_KIND_IMAGENET);
  }

  @Test
  void aSparseSpecGetsTheStudyFileDefaults() {
    StudySpec spec =
        StudySpec.newBuilder()
            .addDatasets("breastmnist")
            .addArchitectures("cnn_small")
            .addInits(Initialization.newBuilder().setKind(InitKind.INIT_KIND_RANDOM))
            .setTraining(TrainingSettings.newBuilder().setEpochs(2))
            .build();
    StudyDefinition study = StudySpecMapper.toDomain(spec, "sparse");

    assertThat(StudyValidator.validate(study)).isEmpty();
    assertThat(study.resolutions()).containsExactly(28);
    assertThat(study.seeds()).containsExactly(0L);
    assertThat(study.training().batchSize()).isEqualTo(32);
    assertThat(study.training().learningRate()).isEqualTo(0.001);
    assertThat(study.maxTrials()).isEqualTo(500);
  }

  @Test
  void specProblemsAreNamedByTheRequestsFields() {
    StudySpec spec =
        StudySpec.newBuilder()
            .addDatasets("breastmnist")
            .addArchitectures("vgg16")
            .addInits(Initialization.newBuilder().setKind(InitKind.INIT_KIND_RANDOM))
            .addInits(Initialization.newBuilder())
            .addAdaptations(
                Adaptation.newBuilder().setKind(AdaptationKind.ADAPTATION_KIND_FREEZE_UP_TO_BLOCK))
            .addLabelFractions(2.0)
            .setTraining(
                TrainingSettings.newBuilder().setLearningRate(-1).setEarlyStoppingPatience(-1))
            .setMaxTrials(-3)
            .build();

    List<String> fields =
        StudyValidator.validate(StudySpecMapper.toDomain(spec, "")).stream()
            .map(Violation::field)
            .map(StudySpecMapper::specFieldPath)
            .toList();

    assertThat(fields)
        .containsExactlyInAnyOrder(
            "display_name",
            "spec.inits[1].kind",
            "spec.adaptations[0].freeze_up_to_block",
            "spec.label_fractions[0]",
            "spec.training.epochs",
            "spec.training.learning_rate",
            "spec.training.early_stopping_patience",
            "spec.max_trials");
  }
}
