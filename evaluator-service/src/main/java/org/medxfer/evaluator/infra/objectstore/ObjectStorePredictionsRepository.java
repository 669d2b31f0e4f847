package org.medxfer.evaluator.infra.objectstore;

import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import org.medxfer.common.objectstore.ObjectStore;
import org.medxfer.common.objectstore.ObjectStoreException;
import org.medxfer.evaluator.api.ProtoEnumMapper;
import org.medxfer.evaluator.domain.DependencyUnavailableException;
import org.medxfer.evaluator.domain.InvalidPredictionsException;
import org.medxfer.evaluator.domain.Predictions;
import org.medxfer.evaluator.domain.PredictionsRepository;
import org.medxfer.evaluator.domain.StoredPredictions;
import org.medxfer.proto.trial.v1.TestPredictions;

/** Reads the {@code TestPredictions} objects trainers store. */
@ApplicationScoped
public class ObjectStorePredictionsRepository implements PredictionsRepository {

  private final ObjectStore objectStore;

  ObjectStorePredictionsRepository(ObjectStore objectStore) {
    this.objectStore = objectStore;
  }

  @Override
  public StoredPredictions load(String key) {
    return parse(key, read(key));
  }

  /**
   * The predictions in {@code bytes}, a serialized {@code TestPredictions} read from {@code key}.
   *
   * @throws InvalidPredictionsException when they are not a readable {@code TestPredictions}
   */
  public static StoredPredictions parse(String key, byte[] bytes) {
    TestPredictions proto;
    try {
      proto = TestPredictions.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidPredictionsException(
          "object " + key + " is not a TestPredictions: " + e.getMessage());
    }
    Predictions predictions;
    try {
      predictions =
          new Predictions(
              ProtoEnumMapper.toDomain(proto.getTaskType()),
              proto.getNumClasses(),
              proto.getLabelsList().stream().mapToInt(Integer::intValue).toArray(),
              toArray(proto));
    } catch (IllegalArgumentException e) {
      throw new InvalidPredictionsException("predictions at " + key + ": " + e.getMessage());
    }
    return new StoredPredictions(proto.getTrial(), proto.getAttempt(), predictions);
  }

  private byte[] read(String key) {
    try {
      return objectStore.get(key);
    } catch (IllegalArgumentException e) {
      throw new InvalidPredictionsException("predictions key is invalid: " + e.getMessage());
    } catch (ObjectStoreException e) {
      if (e.isNotFound()) {
        throw new InvalidPredictionsException("no predictions object at " + key);
      }
      throw new DependencyUnavailableException("object store unavailable reading " + key, e);
    } catch (UncheckedIOException e) {
      throw new DependencyUnavailableException("object store unavailable reading " + key, e);
    }
  }

  private static float[] toArray(TestPredictions proto) {
    float[] scores = new float[proto.getScoresCount()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = proto.getScores(i);
    }
    return scores;
  }
}
