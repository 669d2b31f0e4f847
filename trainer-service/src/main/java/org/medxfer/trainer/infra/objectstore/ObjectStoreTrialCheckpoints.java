package org.medxfer.trainer.infra.objectstore;

import java.util.Optional;
import org.medxfer.common.objectstore.ObjectStore;
import org.medxfer.common.objectstore.ObjectStoreException;
import org.medxfer.trainer.domain.TrialCheckpoints;

/**
 * A trial's last checkpoint under its checkpoint prefix ({@value #CHECKPOINT}, replaced every
 * epoch, so a re-delivered or retried attempt resumes from it), and each trial's final model under
 * the trial name ({@value #FINAL_MODEL}, the last completed attempt's), where a trial that
 * transfers from it finds it by the trial name alone.
 */
public final class ObjectStoreTrialCheckpoints implements TrialCheckpoints {

  /** Object name of the last checkpoint under the checkpoint prefix. */
  public static final String CHECKPOINT = "last.mxck";

  /** Object name of the final model under a trial's name. */
  public static final String FINAL_MODEL = "final-model.mxmd";

  static final String CONTENT_TYPE = "application/octet-stream";

  private final ObjectStore store;
  private final String checkpointPrefix;
  private final String trial;

  public ObjectStoreTrialCheckpoints(ObjectStore store, String checkpointPrefix, String trial) {
    this.store = store;
    this.checkpointPrefix =
        checkpointPrefix.endsWith("/") ? checkpointPrefix : checkpointPrefix + "/";
    this.trial = trial;
  }

  /** Where the final model of {@code trial} is stored. */
  public static String finalModelKey(String trial) {
    return (trial.endsWith("/") ? trial : trial + "/") + FINAL_MODEL;
  }

  @Override
  public Optional<byte[]> lastCheckpoint() {
    return read(checkpointPrefix + CHECKPOINT);
  }

  @Override
  public void saveCheckpoint(byte[] checkpoint) {
    store.put(checkpointPrefix + CHECKPOINT, checkpoint, CONTENT_TYPE);
  }

  @Override
  public void saveFinalModel(byte[] model) {
    store.put(finalModelKey(trial), model, CONTENT_TYPE);
  }

  @Override
  public Optional<byte[]> finalModelOf(String sourceTrial) {
    return read(finalModelKey(sourceTrial));
  }

  private Optional<byte[]> read(String key) {
    try {
      return Optional.of(store.get(key));
    } catch (ObjectStoreException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
