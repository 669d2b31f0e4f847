package org.medxfer.trainer.infra.tf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medxfer.trainer.domain.EpochMetrics;

/**
 * The two things a trial stores besides predictions, in one small binary format (big-endian {@link
 * DataOutputStream}, a magic word and a version first):
 *
 * <ul>
 *   <li>a {@link Checkpoint} after every epoch: the whole session (weights, batch-norm averages,
 *       optimizer slots) plus the loop's own state, enough to resume bit-identically;
 *   <li>a {@link Model} at the end: the best epoch's weights with their shapes, the start of a
 *       trial that transfers from this one.
 * </ul>
 */
final class StoredState {

  private static final int CHECKPOINT_MAGIC = 0x4d58434b; // "MXCK"
  private static final int MODEL_MAGIC = 0x4d584d44; // "MXMD"
  private static final int VERSION = 1;

  private StoredState() {}

  /** A tensor as stored: its shape and row-major values. */
  record Tensor(long[] shape, float[] values) {}

  /**
   * The state after a completed epoch.
   *
   * @param specKey the spec and thread setting it belongs to; a checkpoint of anything else is
   *     ignored
   * @param epoch the last completed epoch
   * @param steps optimizer steps so far
   * @param curve the learning curve so far
   * @param bestEpoch the best epoch so far
   * @param bestAuc its validation AUC
   * @param best its weights
   * @param sessionFiles the files {@code Session.save} wrote, by name
   */
  record Checkpoint(
      String specKey,
      int epoch,
      long steps,
      List<EpochMetrics> curve,
      int bestEpoch,
      double bestAuc,
      Map<String, float[]> best,
      Map<String, byte[]> sessionFiles) {}

  /**
   * A final model: architecture id, head width, every variable, and the input normalisation it was
   * trained with (empty arrays for the network's own preprocessing), so a trial that starts from it
   * can feed inputs the way it learned them.
   */
  record Model(
      String architecture,
      int numClasses,
      Map<String, Tensor> variables,
      float[] inputMean,
      float[] inputStd) {}

  static byte[] encode(Checkpoint checkpoint) {
    return write(
        out -> {
          out.writeInt(CHECKPOINT_MAGIC);
          out.writeInt(VERSION);
          out.writeUTF(checkpoint.specKey());
          out.writeInt(checkpoint.epoch());
          out.writeLong(checkpoint.steps());
          out.writeInt(checkpoint.curve().size());
          for (EpochMetrics m : checkpoint.curve()) {
            out.writeInt(m.epoch());
            out.writeDouble(m.trainLoss());
            out.writeDouble(m.valLoss());
            out.writeDouble(m.valAuc());
            out.writeLong(m.steps());
            out.writeDouble(m.seconds());
            out.writeDouble(m.elapsedSeconds());
          }
          out.writeInt(checkpoint.bestEpoch());
          out.writeDouble(checkpoint.bestAuc());
          out.writeInt(checkpoint.best().size());
          for (Map.Entry<String, float[]> entry : checkpoint.best().entrySet()) {
            out.writeUTF(entry.getKey());
            writeFloats(out, entry.getValue());
          }
          out.writeInt(checkpoint.sessionFiles().size());
          for (Map.Entry<String, byte[]> file : checkpoint.sessionFiles().entrySet()) {
            out.writeUTF(file.getKey());
            out.writeInt(file.getValue().length);
            out.write(file.getValue());
          }
        });
  }

  static Checkpoint decodeCheckpoint(byte[] bytes) {
    return read(
        bytes,
        CHECKPOINT_MAGIC,
        "checkpoint",
        in -> {
          String specKey = in.readUTF();
          int epoch = in.readInt();
          long steps = in.readLong();
          int points = in.readInt();
          List<EpochMetrics> curve = new ArrayList<>(points);
          for (int i = 0; i < points; i++) {
            curve.add(
                new EpochMetrics(
                    in.readInt(),
                    in.readDouble(),
                    in.readDouble(),
                    in.readDouble(),
                    in.readLong(),
                    in.readDouble(),
                    in.readDouble()));
          }
          int bestEpoch = in.readInt();
          double bestAuc = in.readDouble();
          int count = in.readInt();
          Map<String, float[]> best = new LinkedHashMap<>();
          for (int i = 0; i < count; i++) {
            best.put(in.readUTF(), readFloats(in));
          }
          int files = in.readInt();
          Map<String, byte[]> sessionFiles = new LinkedHashMap<>();
          for (int i = 0; i < files; i++) {
            String name = in.readUTF();
            byte[] content = new byte[in.readInt()];
            in.readFully(content);
            sessionFiles.put(name, content);
          }
          return new Checkpoint(
              specKey, epoch, steps, curve, bestEpoch, bestAuc, best, sessionFiles);
        });
  }

  static byte[] encode(Model model) {
    return write(
        out -> {
          out.writeInt(MODEL_MAGIC);
          out.writeInt(VERSION);
          out.writeUTF(model.architecture());
          out.writeInt(model.numClasses());
          writeFloats(out, model.inputMean());
          writeFloats(out, model.inputStd());
          out.writeInt(model.variables().size());
          for (Map.Entry<String, Tensor> entry : model.variables().entrySet()) {
            out.writeUTF(entry.getKey());
            long[] shape = entry.getValue().shape();
            out.writeInt(shape.length);
            for (long dimension : shape) {
              out.writeLong(dimension);
            }
            writeFloats(out, entry.getValue().values());
          }
        });
  }

  static Model decodeModel(byte[] bytes) {
    return read(
        bytes,
        MODEL_MAGIC,
        "model",
        in -> {
          String architecture = in.readUTF();
          int numClasses = in.readInt();
          float[] inputMean = readFloats(in);
          float[] inputStd = readFloats(in);
          int count = in.readInt();
          Map<String, Tensor> variables = new LinkedHashMap<>();
          for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            long[] shape = new long[in.readInt()];
            for (int d = 0; d < shape.length; d++) {
              shape[d] = in.readLong();
            }
            variables.put(name, new Tensor(shape, readFloats(in)));
          }
          return new Model(architecture, numClasses, variables, inputMean, inputStd);
        });
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static byte[] write(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static <T> T read(byte[] bytes, int magic, String what, Reader<T> reader) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != magic) {
        throw new IllegalArgumentException("not a medxfer " + what);
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalArgumentException(what + " version " + version + " is not " + VERSION);
      }
      return reader.read(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated " + what + ": " + e.getMessage(), e);
    }
  }

  private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    for (float value : values) {
      out.writeInt(Float.floatToRawIntBits(value));
    }
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    float[] values = new float[in.readInt()];
    for (int i = 0; i < values.length; i++) {
      values[i] = Float.intBitsToFloat(in.readInt());
    }
    return values;
  }
}
