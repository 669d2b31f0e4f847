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
  // A crash or a lost trainer gets two more chances; a deterministic failure fails three times
  // fast.
  public static final int MAX_ATTEMPTS = 3;
  public static final int MAX_ATTEMPTS_CEILING = 10;
  // A day: the longest the protocol's 100-epoch 224-pixel runs take on one CPU trainer.
  public static final int TRIAL_TIMEOUT_MINUTES = 24 * 60;
  // The MedMNIST v2 protocol's step: x0.1 at each milestone.
  public static final double STEP_GAMMA = 0.1;

  /**
   * The most trials any study may declare. WatchStudy sends a large study's first snapshot in
   * pages, so each message stays under gRPC's 4 MiB default.
   */
  public static final int MAX_TRIALS_CEILING = 10_000;

  private StudyDefaults() {}
}
