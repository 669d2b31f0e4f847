package org.medxfer.gateway.domain;

import java.util.List;

/** What a study gets for the keys it leaves out, and the limits it must stay within. */
public final class StudyDefaults {

  public static final List<Adaptation> ADAPTATIONS = List.of(Adaptation.of(AdaptationKind.FULL));
  public static final List<Double> LABEL_FRACTIONS = List.of(1.0);
  // MedMNIST's native side length.
  public static final List<Integer> RESOLUTIONS = List.of(28);
  public static final List<Long> SEEDS = List.of(0L);
  public static final ResizeMode RESIZE = ResizeMode.BILINEAR;
  public static final int BATCH_SIZE = 32;
  public static final OptimizerKind OPTIMIZER = OptimizerKind.ADAM;
  public static final double LEARNING_RATE = 0.001;
  public static final int EARLY_STOPPING_PATIENCE = 0;
  public static final int MAX_TRIALS = 500;

  /**
   * The most trials any study may declare: a study's trials travel in one WatchStudy message, which
   * must stay under gRPC's 4 MiB default.
   */
  public static final int MAX_TRIALS_CEILING = 5000;

  private StudyDefaults() {}
}
