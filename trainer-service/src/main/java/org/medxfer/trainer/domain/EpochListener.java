package org.medxfer.trainer.domain;

/** Told about each finished epoch, on the training thread; keep it quick. */
@FunctionalInterface
public interface EpochListener {

  /** A listener that ignores everything. */
  EpochListener NONE = metrics -> {};

  void onEpoch(EpochMetrics metrics);
}
