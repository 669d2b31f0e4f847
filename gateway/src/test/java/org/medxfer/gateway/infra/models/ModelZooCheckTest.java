package org.medxfer.gateway.infra.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.medxfer.gateway.domain.ModelZooCheck;
import org.medxfer.gateway.domain.StudyFileReader;
import org.medxfer.gateway.domain.StudyValidator;
import org.medxfer.gateway.domain.Violation;
import org.medxfer.gateway.infra.yaml.YamlStudyFileParser;

/** Study files checked against the shipped model catalog: unknown names and unrunnable cells. */
class ModelZooCheckTest {

  private final YamlStudyFileParser parser = new YamlStudyFileParser();
  private final CatalogModelZoo zoo = new CatalogModelZoo();

  @Test
  void namesUnknownArchitecturesAndWeightSets() {
    ModelZooCheck.Result result =
        check(
            """
            name: unknown
            datasets: [breastmnist]
            architectures: [resnet9000, squeezenet1_1]
            inits: [random, {kind: imagenet, weights: no_such_weights}]
            training: {epochs: 2}
            """);

    Map<String, String> problems = byField(result.problems());
    assertThat(problems).containsOnlyKeys("architectures[0]", "inits[1].weights");
    assertThat(problems.get("architectures[0]"))
        .contains("unknown architecture 'resnet9000'")
        .contains("squeezenet1_1");
    assertThat(problems.get("inits[1].weights")).contains("no weight set 'no_such_weights'");
  }

  @Test
  void failsEveryUnrunnableCombinationOnTheFieldThatCausesIt() {
    ModelZooCheck.Result result =
        check(
            """
            name: unrunnable
            datasets: [breastmnist]
            architectures: [cnn_small, squeezenet1_1]
            inits: [random, imagenet, {kind: imagenet, weights: squeezenet1_1_imagenet}]
            adaptations: [full, {kind: freeze_up_to_block, up_to_block: 5}]
            resolutions: [28, 64]
            training: {epochs: 2}
            """);

    Map<String, String> problems = byField(result.problems());
    assertThat(problems)
        .containsOnlyKeys(
            "inits[1]", "inits[2].weights", "adaptations[1].up_to_block", "resolutions[0]");
    assertThat(problems.get("inits[1]"))
        .contains("no")
        .contains("registered for cnn_small")
        .contains("architectures[0]")
        .contains("unrunnable: skip");
    assertThat(problems.get("inits[2].weights")).contains("are for squeezenet1_1, not cnn_small");
    assertThat(problems.get("adaptations[1].up_to_block"))
        .contains("block 5 is beyond cnn_small's last block (3 blocks)");
    assertThat(problems.get("resolutions[0]"))
        .contains("resolution 28 is below squeezenet1_1's minimum of 31 pixels");
  }

  @Test
  void skipsUnrunnableCellsWhenTheStudySaysSoAndListsThem() {
    ModelZooCheck.Result result =
        check(
            """
            name: skipping
            datasets: [breastmnist]
            architectures: [cnn_small, squeezenet1_1]
            inits: [random, imagenet]
            resolutions: [28, 64]
            training: {epochs: 2}
            unrunnable: skip
            """);

    assertThat(result.problems()).isEmpty();
    // 2 x 2 x 2 = 8 cells; cnn_small has no ImageNet weights (2), squeezenet1_1 needs 31 px (2).
    assertThat(result.cells()).hasSize(4);
    assertThat(result.skipped())
        .extracting(skipped -> skipped.displayName() + ": " + skipped.reason())
        .containsExactly(
            "breastmnist/cnn_small/imagenet/full/f1.0/r28/s0: imagenet needs pretrained weights and"
                + " none are registered for cnn_small",
            "breastmnist/cnn_small/imagenet/full/f1.0/r64/s0: imagenet needs pretrained weights and"
                + " none are registered for cnn_small",
            "breastmnist/squeezenet1_1/random/full/f1.0/r28/s0: resolution 28 is below"
                + " squeezenet1_1's minimum of 31 pixels",
            "breastmnist/squeezenet1_1/imagenet/full/f1.0/r28/s0: resolution 28 is below"
                + " squeezenet1_1's minimum of 31 pixels");
  }

  @Test
  void checksCustomArchitecturesAsTheStudyDescribesThem() {
    ModelZooCheck.Result result =
        check(
            """
            name: custom
            datasets: [breastmnist@v1]
            architectures: [tiny, mobilenet_v1_025]
            custom_architectures:
              tiny:
                blocks: [{filters: 8, pool: max}, {filters: 16, convs: 2, batch_norm: true, pool: max}]
                dropout: 0.2
            inits: [random]
            adaptations: [{kind: lp_ft, linear_probe_epochs: 2}]
            resolutions: [28]
            training:
              epochs: 10
              optimizer: sgd
              momentum: 0.9
              lr: 0.1
              backbone_lr: 0.01
              weight_decay: 0.0001
              precision: bf16_mixed
              normalization: dataset
              schedule: {type: step, milestones: [0.5, 0.75]}
              augmentation: {horizontal_flip: true, max_shift: 0.1, max_rotation: 10}
              early_stopping: {metric: val_auc, patience: 3}
            """);

    assertThat(result.problems()).isEmpty();
    assertThat(result.cells())
        .extracting(cell -> cell.architecture())
        .containsExactly("tiny", "mobilenet_v1_025");
    assertThat(result.cells()).extracting(cell -> cell.dataset()).containsOnly("breastmnist");
  }

  private ModelZooCheck.Result check(String yaml) {
    StudyFileReader.Reading reading = parser.parse(yaml);
    List<Violation> violations = StudyValidator.validate(reading.definition(), reading.problems());
    assertThat(violations).isEmpty();
    return ModelZooCheck.check(reading.definition(), zoo);
  }

  private static Map<String, String> byField(List<Violation> violations) {
    return violations.stream()
        .collect(Collectors.toMap(Violation::field, Violation::description, (a, b) -> a));
  }
}
