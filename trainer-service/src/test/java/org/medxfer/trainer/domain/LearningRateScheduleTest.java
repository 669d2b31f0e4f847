package org.medxfer.trainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void stepDecaysAtTheMedMnistMilestones() {
    LearningRateSchedule medmnist =
        new LearningRateSchedule(LearningRateSchedule.Kind.STEP, new double[] {0.5, 0.75}, 0.1);
    // 100 epochs: epochs 1..50 at 1, 51..75 at 0.1, 76..100 at 0.01.
    assertThat(medmnist.factor(1, 100)).isEqualTo(1);
    assertThat(medmnist.factor(50, 100)).isEqualTo(1);
    assertThat(medmnist.factor(51, 100)).isCloseTo(0.1, within(1e-12));
    assertThat(medmnist.factor(75, 100)).isCloseTo(0.1, within(1e-12));
    assertThat(medmnist.factor(76, 100)).isCloseTo(0.01, within(1e-12));
  }

  @Test
  void cosineStartsAtOneAndFallsTowardsZero() {
    LearningRateSchedule cosine =
        new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, new double[0], 1);
    assertThat(cosine.factor(1, 10)).isEqualTo(1);
    assertThat(cosine.factor(6, 10)).isCloseTo(0.5, within(1e-12));
    assertThat(cosine.factor(10, 10)).isCloseTo(0.0245, within(1e-4));
    assertThat(LearningRateSchedule.CONSTANT.factor(7, 10)).isEqualTo(1);
  }

  @Test
  void badMilestonesOrGammaAreInvalidSpecs() {
    assertThatThrownBy(
            () ->
                new LearningRateSchedule(
                    LearningRateSchedule.Kind.STEP, new double[] {0.75, 0.5}, 0.1))
        .hasMessageContaining("milestones");
    assertThatThrownBy(
            () -> new LearningRateSchedule(LearningRateSchedule.Kind.STEP, new double[] {0.5}, 0))
        .hasMessageContaining("gamma");
  }

  @Test
  void adaptationFreezesByEpoch() {
    Adaptation lpft = new Adaptation(Adaptation.Kind.LP_FT, 0, 2);
    assertThat(lpft.frozenBlocks(2, 14)).isEqualTo(14);
    assertThat(lpft.frozenBlocks(3, 14)).isZero();
    assertThat(new Adaptation(Adaptation.Kind.FREEZE_UP_TO_BLOCK, 3, 0).frozenBlocks(9, 14))
        .isEqualTo(3);
    assertThat(Adaptation.FULL.frozenBlocks(1, 14)).isZero();
  }
}
