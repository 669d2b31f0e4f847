package org.medxfer.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StudyExpanderTest {

  private static final TrainingSettings TRAINING =
      new TrainingSettings(5, 32, OptimizerKind.ADAM, 0.001, 0);

  private static StudyDefinition study(
      List<String> datasets,
      List<String> architectures,
      List<Initialization> inits,
      List<Double> fractions,
      List<Long> seeds) {
    return new StudyDefinition(
        "demo",
        datasets,
        architectures,
        inits,
        List.of(Adaptation.of(AdaptationKind.FULL)),
        fractions,
        List.of(64),
        ResizeMode.BILINEAR,
        seeds,
        TRAINING,
        500);
  }

  private static final StudyDefinition DEMO =
      study(
          List.of("breastmnist", "pneumoniamnist"),
          List.of("mobilenet_v1_025", "squeezenet1_1"),
          List.of(Initialization.of(InitKind.RANDOM), Initialization.of(InitKind.IMAGENET)),
          List.of(0.1, 1.0),
          List.of(0L, 1L, 2L));

  @Test
  void expandsTheFullCrossProductInCellOrder() {
    List<TrialCell> cells = StudyExpander.expand(DEMO);

    assertThat(cells).hasSize(2 * 2 * 2 * 2 * 3).hasSize((int) DEMO.trialCount());
    assertThat(cells)
        .extracting(TrialCell::ordinal)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 48).boxed().toList());
    assertThat(cells.get(0).displayName())
        .isEqualTo("breastmnist/mobilenet_v1_025/random/full/f0.1/r64/s0");
    assertThat(cells.get(1).displayName())
        .isEqualTo("breastmnist/mobilenet_v1_025/random/full/f0.1/r64/s1");
    assertThat(cells.get(47).displayName())
        .isEqualTo("pneumoniamnist/squeezenet1_1/imagenet/full/f1.0/r64/s2");
  }

  @Test
  void matchesEveryArmOnTheSameDataAndSeeds() {
    List<TrialCell> cells = StudyExpander.expand(DEMO);

    // An arm is what is compared; its cells must cover the same (data set, seed) pairs as every
    // other arm's, so differences come from the arm and not from the data or the seed.
    Map<String, Set<String>> pairsPerArm =
        cells.stream()
            .collect(
                Collectors.groupingBy(
                    cell ->
                        cell.architecture()
                            + "/"
                            + cell.init().label()
                            + "/"
                            + cell.adaptation().label()
                            + "/"
                            + cell.labelFraction()
                            + "/"
                            + cell.resolution(),
                    Collectors.mapping(
                        cell -> cell.dataset() + "/" + cell.seed(), Collectors.toSet())));

    assertThat(pairsPerArm).hasSize(8);
    assertThat(pairsPerArm.values()).allSatisfy(pairs -> assertThat(pairs).hasSize(6));
    assertThat(Set.copyOf(pairsPerArm.values())).hasSize(1);
  }

  @Test
  void derivesTheSameIdFromTheSameCellEveryTime() {
    List<TrialCell> first = StudyExpander.expand(DEMO);
    List<TrialCell> second = StudyExpander.expand(DEMO);

    assertThat(first)
        .extracting(TrialCell::id)
        .containsExactlyElementsOf(second.stream().map(TrialCell::id).toList());
    assertThat(first.stream().map(TrialCell::id).distinct()).hasSize(48);
    assertThat(first.get(0).id())
        .matches("breastmnist-mobilenet-v1-025-random-full-f0-1-r64-s0-[0-9a-f]{8}")
        .hasSizeLessThanOrEqualTo(63);
    assertThat(first).allSatisfy(cell -> assertThat(ResourceNames.isValidId(cell.id())).isTrue());
  }

  @Test
  void idDependsOnTheCellNotOnItsPosition() {
    StudyDefinition oneSeed =
        study(
            List.of("breastmnist"),
            List.of("squeezenet1_1"),
            List.of(Initialization.of(InitKind.IMAGENET)),
            List.of(1.0),
            List.of(2L));
    TrialCell alone = StudyExpander.expand(oneSeed).get(0);
    TrialCell inDemo =
        StudyExpander.expand(DEMO).stream()
            .filter(cell -> cell.displayName().equals(alone.displayName()))
            .findFirst()
            .orElseThrow();

    assertThat(alone.ordinal()).isZero();
    assertThat(inDemo.ordinal()).isNotZero();
    assertThat(alone.id()).isEqualTo(inDemo.id());
  }

  @Test
  void cellsThatDifferOnlyInParametersGetDifferentIds() {
    StudyDefinition partials =
        study(
            List.of("breastmnist"),
            List.of("mobilenet_v1_025"),
            List.of(
                new Initialization(InitKind.PARTIAL, "", 3, ""),
                new Initialization(InitKind.PARTIAL, "", 4, "")),
            List.of(1.0),
            List.of(0L));
    List<TrialCell> cells = StudyExpander.expand(partials);

    assertThat(cells)
        .extracting(TrialCell::displayName)
        .containsExactly(
            "breastmnist/mobilenet_v1_025/partial_b3/full/f1.0/r64/s0",
            "breastmnist/mobilenet_v1_025/partial_b4/full/f1.0/r64/s0");
    assertThat(cells.get(0).id()).isNotEqualTo(cells.get(1).id());
  }
}
