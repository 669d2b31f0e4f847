package org.medxfer.gateway.infra.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.medxfer.gateway.domain.AdaptationKind;
import org.medxfer.gateway.domain.InitKind;
import org.medxfer.gateway.domain.Initialization;
import org.medxfer.gateway.domain.OptimizerKind;
import org.medxfer.gateway.domain.ResizeMode;
import org.medxfer.gateway.domain.StudyDefinition;
import org.medxfer.gateway.domain.StudyFileReader;
import org.medxfer.gateway.domain.StudyValidator;
import org.medxfer.gateway.domain.TrainingSettings;
import org.medxfer.gateway.domain.Violation;
import org.medxfer.gateway.fixtures.StudyFiles;

/** Study files from text to a definition or to every problem, each with its field path. */
class StudyFileValidationTest {

  private final YamlStudyFileParser parser = new YamlStudyFileParser();

  @Test
  void readsEveryKeyOfAValidStudy() {
    StudyFileReader.Reading reading = parser.parse(StudyFiles.BREAST_DEMO);

    assertThat(StudyValidator.validate(reading.definition(), reading.problems())).isEmpty();
    StudyDefinition study = reading.definition();
    assertThat(study.displayName()).isEqualTo("breast-transfer-demo");
    assertThat(study.datasets()).containsExactly("breastmnist");
    assertThat(study.architectures()).containsExactly("mobilenet_v1_025", "squeezenet1_1");
    assertThat(study.inits())
        .containsExactly(Initialization.of(InitKind.RANDOM), Initialization.of(InitKind.IMAGENET));
    assertThat(study.adaptations()).extracting(a -> a.kind()).containsExactly(AdaptationKind.FULL);
    assertThat(study.labelFractions()).containsExactly(1.0);
    assertThat(study.resolutions()).containsExactly(64);
    assertThat(study.resize()).isEqualTo(ResizeMode.BILINEAR);
    assertThat(study.seeds()).containsExactly(0L);
    assertThat(study.training())
        .isEqualTo(new TrainingSettings(5, 32, OptimizerKind.ADAM, 0.001, 0));
    assertThat(study.maxTrials()).isEqualTo(500);
    assertThat(study.trialCount()).isEqualTo(4);
  }

  @Test
  void appliesDefaultsToLeftOutKeys() {
    StudyDefinition study = valid(StudyFiles.MINIMAL);

    assertThat(study.adaptations()).extracting(a -> a.kind()).containsExactly(AdaptationKind.FULL);
    assertThat(study.labelFractions()).containsExactly(1.0);
    assertThat(study.resolutions()).containsExactly(28);
    assertThat(study.seeds()).containsExactly(0L);
    assertThat(study.resize()).isEqualTo(ResizeMode.BILINEAR);
    assertThat(study.training())
        .isEqualTo(new TrainingSettings(1, 32, OptimizerKind.ADAM, 0.001, 0));
    assertThat(study.maxTrials()).isEqualTo(500);
  }

  @Test
  void readsTheMapFormsOfInitsAndAdaptations() {
    StudyDefinition study =
        valid(
            """
            name: forms
            datasets: [breastmnist]
            architectures: [mobilenet_v1_025]
            inits:
              - random
              - {kind: partial, up_to_block: 3}
              - {kind: imagenet, weights: mobilenet_v1_025_imagenet}
              - {kind: checkpoint, source_trial: studies/pre/trials/t-1}
            adaptations: [linear_probe, {kind: freeze_up_to_block, up_to_block: 2}, lp_ft]
            seeds: [0, 1]
            resize: pad
            training: {epochs: 3, optimizer: sgd, lr: 1e-2}
            """);

    assertThat(study.inits())
        .containsExactly(
            Initialization.of(InitKind.RANDOM),
            new Initialization(InitKind.PARTIAL, "", 3, ""),
            new Initialization(InitKind.IMAGENET, "mobilenet_v1_025_imagenet", 0, ""),
            new Initialization(InitKind.CHECKPOINT, "", 0, "studies/pre/trials/t-1"));
    assertThat(study.adaptations())
        .extracting(a -> a.kind() + "/" + a.upToBlock())
        .containsExactly("LINEAR_PROBE/0", "FREEZE_UP_TO_BLOCK/2", "LP_FT/0");
    assertThat(study.resize()).isEqualTo(ResizeMode.PAD);
    assertThat(study.training().optimizer()).isEqualTo(OptimizerKind.SGD);
    assertThat(study.training().learningRate()).isEqualTo(0.01);
    assertThat(study.trialCount()).isEqualTo(1 * 1 * 4 * 3 * 1 * 1 * 2);
  }

  @Test
  void reportsEveryProblemAtOnceEachWithItsFieldPath() {
    Map<String, String> problems =
        problems(
            """
            name: many-mistakes
            datasets: [breastmnist, Breast_MNIST, breastmnist]
            architectures: [resnet50, squeezenet1_1]
            inits: [random, imagenett]
            adaptations: [full, {kind: freeze_up_to_block}]
            fractions: [0.0, 1.5, 0.5]
            resolutions: [4, 64, 4096]
            resize: stretch
            seeds: [0, -1]
            training: {epochs: five, batch_size: 0, optimizer: rmsprop, lr: -1, early_stopping: {patience: -2}}
            budget: {max_trials: 0}
            colour: blue
            """);

    assertThat(problems)
        .containsOnlyKeys(
            "datasets[1]",
            "datasets[2]",
            "inits[1]",
            "adaptations[1].up_to_block",
            "fractions[0]",
            "fractions[1]",
            "resolutions[0]",
            "resolutions[2]",
            "resize",
            "seeds[1]",
            "training.epochs",
            "training.batch_size",
            "training.optimizer",
            "training.lr",
            "training.early_stopping.patience",
            "budget.max_trials",
            "colour");
    assertThat(problems.get("datasets[1]")).contains("'Breast_MNIST' is not a data set id");
    assertThat(problems.get("datasets[2]")).isEqualTo("repeats datasets[0]");
    assertThat(problems.get("inits[1]")).contains("unknown value 'imagenett'").contains("imagenet");
    assertThat(problems.get("adaptations[1].up_to_block")).contains("at least 1");
    assertThat(problems.get("fractions[0]")).contains("(0, 1]");
    assertThat(problems.get("resolutions[2]")).contains("between 8 and 1024");
    assertThat(problems.get("resize")).contains("unknown value 'stretch'");
    assertThat(problems.get("seeds[1]")).contains("negative");
    assertThat(problems.get("training.epochs")).contains("whole number").contains("'five'");
    assertThat(problems.get("training.optimizer")).contains("'rmsprop'").contains("adam, sgd");
    assertThat(problems.get("colour")).contains("unknown key");
  }

  @Test
  void reportsYamlSyntaxErrorsWithLineAndColumn() {
    Map<String, String> problems =
        problems(
            """
            name: broken
            datasets: [breastmnist
            architectures: [cnn_small]
            """);

    assertThat(problems).containsOnlyKeys("study_file");
    assertThat(problems.get("study_file"))
        .contains("not valid YAML")
        .containsPattern("line \\d+, column \\d+");
  }

  @Test
  void reportsADuplicateKeyWithItsLine() {
    Map<String, String> problems =
        problems(
            """
            name: twice
            datasets: [breastmnist]
            datasets: [chestmnist]
            """);

    assertThat(problems.get("study_file")).contains("line 3").contains("datasets");
  }

  @Test
  void rejectsADocumentThatIsNotAMapping() {
    assertThat(problems("- just\n- a list\n")).containsOnlyKeys("study_file");
    assertThat(problems("")).containsEntry("study_file", "is empty");
  }

  @Test
  void requiresNameFactorsAndEpochs() {
    Map<String, String> problems = problems("resolutions: [28]\n");

    assertThat(problems)
        .containsOnlyKeys("name", "datasets", "architectures", "inits", "training.epochs");
    assertThat(problems.get("datasets")).isEqualTo("must list at least one data set");
    assertThat(problems.get("training.epochs")).contains("required");
  }

  @Test
  void reportsWrongTypesOfWholeFields() {
    Map<String, String> problems =
        problems(
            """
            name: 42
            datasets: breastmnist
            architectures: {cnn_small: yes}
            inits: [random, 7]
            seeds: [0.5]
            resolutions: [28, ~]
            training: [epochs, 5]
            budget: 100
            """);

    assertThat(problems)
        .containsOnlyKeys(
            "name",
            "datasets",
            "architectures",
            "inits[1]",
            "seeds[0]",
            "resolutions[1]",
            "training",
            "budget");
    assertThat(problems.get("name")).isEqualTo("must be a string, was the number 42");
    assertThat(problems.get("datasets")).isEqualTo("must be a list, was the string 'breastmnist'");
    assertThat(problems.get("architectures")).isEqualTo("must be a list, was a mapping");
    assertThat(problems.get("seeds[0]")).contains("whole number");
    assertThat(problems.get("resolutions[1]")).isEqualTo("is empty");
    assertThat(problems.get("training")).isEqualTo("must be a mapping, was a list");
  }

  @Test
  void checksInitParameters() {
    Map<String, String> problems =
        problems(
            """
            name: init-params
            datasets: [breastmnist]
            architectures: [cnn_small]
            inits:
              - {kind: partial}
              - {kind: random, weights: w, up_to_block: 2}
              - {kind: checkpoint}
              - {kind: checkpoint, source_trial: not-a-trial}
              - {up_to_block: 3}
              - {kind: imagenet, colour: red}
            training: {epochs: 1}
            """);

    assertThat(problems)
        .containsOnlyKeys(
            "inits[0].up_to_block",
            "inits[1].weights",
            "inits[1].up_to_block",
            "inits[2].source_trial",
            "inits[3].source_trial",
            "inits[4].kind",
            "inits[5].colour");
    assertThat(problems.get("inits[1].up_to_block")).isEqualTo("applies only to partial");
    assertThat(problems.get("inits[2].source_trial")).isEqualTo("is required for checkpoint");
    assertThat(problems.get("inits[4].kind")).startsWith("is required");
  }

  @Test
  void rejectsAStudyThatExpandsBeyondItsBudget() {
    Map<String, String> problems =
        problems(
            """
            name: too-big
            datasets: [breastmnist]
            architectures: [cnn_small, squeezenet1_1]
            inits: [random, imagenet]
            seeds: [0, 1, 2]
            training: {epochs: 1}
            budget: {max_trials: 10}
            """);

    assertThat(problems)
        .containsExactly(
            Map.entry(
                "budget.max_trials",
                "the study expands to 12 trials, more than max_trials 10; remove factor levels or"
                    + " raise max_trials"));
  }

  @Test
  void capsMaxTrials() {
    Map<String, String> problems = problems(StudyFiles.MINIMAL + "budget: {max_trials: 1000000}\n");

    assertThat(problems).containsExactly(Map.entry("budget.max_trials", "must be at most 10000"));
  }

  private StudyDefinition valid(String yaml) {
    StudyFileReader.Reading reading = parser.parse(yaml);
    assertThat(StudyValidator.validate(reading.definition(), reading.problems())).isEmpty();
    return reading.definition();
  }

  private Map<String, String> problems(String yaml) {
    StudyFileReader.Reading reading = parser.parse(yaml);
    List<Violation> violations = StudyValidator.validate(reading.definition(), reading.problems());
    assertThat(violations.stream().map(Violation::field)).doesNotHaveDuplicates();
    return violations.stream()
        .collect(
            Collectors.toMap(
                Violation::field,
                Violation::description,
                (a, b) -> a,
                java.util.LinkedHashMap::new));
  }
}
