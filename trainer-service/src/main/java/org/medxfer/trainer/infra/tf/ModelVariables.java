package org.medxfer.trainer.infra.tf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.op.random.TruncatedNormal;
import org.tensorflow.types.TFloat32;

/**
 * The variables of one network, created once and shared by its training and inference paths.
 *
 * <p>Every variable gets a seeded initializer (TensorFlow Java has no graph-level seed, so each
 * random op carries the trial seed and its own creation index as seed2) and a placeholder plus
 * assign op, so pretrained weights and best-epoch snapshots can be written back without touching
 * the graph again.
 */
final class ModelVariables {

  /** Suffix of the placeholder that feeds a variable's new value. */
  static final String VALUE_SUFFIX = "_value";

  /** Suffix of the op that assigns the fed value. */
  static final String LOAD_SUFFIX = "_load";

  /** How a variable starts before training or weight loading. */
  sealed interface Init {
    /** Every element equals {@code value}. */
    record Constant(float value) implements Init {}

    /** Keras' default: uniform in ±sqrt(6 / (fanIn + fanOut)). */
    record GlorotUniform(long fanIn, long fanOut) implements Init {}

    /**
     * Keras {@code he_normal}: a normal truncated at 2 standard deviations, scaled so the standard
     * deviation is sqrt(2 / fanIn); keeps ReLU activations from shrinking layer by layer.
     */
    record HeNormal(long fanIn) implements Init {}
  }

  /** Block of the variables a network creates after {@link #enterHead()}. */
  static final String HEAD_BLOCK = "head";

  /** One variable with the block it belongs to and the ops that overwrite it. */
  record Entry(
      String name,
      String block,
      Variable<TFloat32> variable,
      Shape shape,
      boolean trainable,
      Placeholder<TFloat32> value,
      Assign<TFloat32> load) {}

  private final Ops tf;
  private final OpNames names;
  private final long seed;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private String currentBlock;

  ModelVariables(Ops tf, long trialSeed) {
    this.tf = tf;
    this.names = new OpNames(tf);
    // seed == 0 and seed2 == 0 together would mean "nondeterministic" to TensorFlow; the mix keeps
    // the op seed non-zero for every trial seed, including 0.
    long mixed = trialSeed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    this.seed = mixed == 0 ? 1 : mixed;
  }

  /**
   * Tags the variables created from now on with block {@code name}. Blocks are the units of the
   * policies that act on part of a network ("freeze up to block k", "pretrained up to block k"), so
   * every backbone variable must be created inside one.
   */
  void enterBlock(String name) {
    if (HEAD_BLOCK.equals(name)) {
      throw new IllegalArgumentException("'" + HEAD_BLOCK + "' is reserved for the head");
    }
    currentBlock = name;
  }

  /** The block layers are being built in now; null before the first block. */
  String currentBlock() {
    return currentBlock;
  }

  /** Tags the variables created from now on as the head, which no block policy touches. */
  void enterHead() {
    currentBlock = HEAD_BLOCK;
  }

  /**
   * Returns the variable called {@code name}, creating it on first use so that a second forward
   * pass (inference after training) reuses the same weights.
   */
  Variable<TFloat32> getOrCreate(String name, long[] shape, Init init, boolean trainable) {
    Entry existing = entries.get(name);
    if (existing == null && currentBlock == null) {
      throw new IllegalStateException(
          "variable " + name + " created outside a block; call Layers.block first");
    }
    if (existing != null) {
      if (!Arrays.equals(existing.shape().asArray(), shape)) {
        throw new IllegalStateException(
            "variable " + name + " reused with shape " + Arrays.toString(shape));
      }
      return existing.variable();
    }
    Ops initScope = tf.withInitScope();
    Operand<TFloat32> initial;
    if (init instanceof Init.Constant constant) {
      initial = initScope.fill(initScope.constant(shape), initScope.constant(constant.value()));
    } else if (init instanceof Init.GlorotUniform glorot) {
      float limit = (float) Math.sqrt(6.0 / (glorot.fanIn() + glorot.fanOut()));
      Operand<TFloat32> unit =
          initScope.random.randomUniform(
              initScope.constant(shape),
              TFloat32.class,
              RandomUniform.seed(seed),
              RandomUniform.seed2((long) entries.size() + 1));
      // u in [0, 1) -> (2u - 1) * limit in [-limit, limit)
      initial =
          initScope.math.mul(
              initScope.math.sub(
                  initScope.math.mul(unit, initScope.constant(2f)), initScope.constant(1f)),
              initScope.constant(limit));
    } else if (init instanceof Init.HeNormal he) {
      // 0.8796... is the standard deviation of a unit normal truncated at +-2.
      float scale = (float) (Math.sqrt(2.0 / he.fanIn()) / 0.87962566103423978);
      Operand<TFloat32> unit =
          initScope.random.truncatedNormal(
              initScope.constant(shape),
              TFloat32.class,
              TruncatedNormal.seed(seed),
              TruncatedNormal.seed2((long) entries.size() + 1));
      initial = initScope.math.mul(unit, initScope.constant(scale));
    } else {
      throw new IllegalArgumentException("unknown initializer " + init);
    }
    Variable<TFloat32> variable = names.named(name).variable(initial);
    Shape staticShape = Shape.of(shape);
    Placeholder<TFloat32> value =
        names
            .named(name + VALUE_SUFFIX)
            .placeholder(TFloat32.class, Placeholder.shape(staticShape));
    Assign<TFloat32> load = names.named(name + LOAD_SUFFIX).assign(variable, value);
    entries.put(name, new Entry(name, currentBlock, variable, staticShape, trainable, value, load));
    return variable;
  }

  /** The variables the optimizer updates, in creation order. */
  List<Variable<TFloat32>> trainable() {
    List<Variable<TFloat32>> trainable = new ArrayList<>();
    for (Entry entry : entries.values()) {
      if (entry.trainable()) {
        trainable.add(entry.variable());
      }
    }
    return trainable;
  }

  /** The backbone's blocks, input to output, without the head. */
  List<String> blockNames() {
    List<String> blocks = new ArrayList<>();
    for (Entry entry : entries.values()) {
      if (!entry.block().equals(HEAD_BLOCK) && !blocks.contains(entry.block())) {
        blocks.add(entry.block());
      }
    }
    return List.copyOf(blocks);
  }

  /** The variables in creation order. */
  List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  Entry entry(String name) {
    Entry entry = entries.get(name);
    if (entry == null) {
      throw new IllegalArgumentException("no variable named " + name);
    }
    return entry;
  }

  /** Number of scalars across all variables. */
  long parameterCount(boolean trainableOnly) {
    long count = 0;
    for (Entry entry : entries.values()) {
      if (entry.trainable() || !trainableOnly) {
        count += entry.shape().size();
      }
    }
    return count;
  }

  /**
   * Copies the current value of every variable into fresh Java arrays. The copy is detached from
   * the session, so later training steps cannot change it.
   */
  Map<String, float[]> snapshot(Session session) {
    Session.Runner runner = session.runner();
    List<String> names = new ArrayList<>(entries.keySet());
    for (String name : names) {
      runner.fetch(entries.get(name).variable());
    }
    Map<String, float[]> copy = new LinkedHashMap<>();
    try (Result result = runner.run()) {
      for (int i = 0; i < names.size(); i++) {
        TFloat32 tensor = (TFloat32) result.get(i);
        float[] values = new float[Math.toIntExact(tensor.shape().size())];
        tensor.copyTo(DataBuffers.of(values, false, false));
        copy.put(names.get(i), values);
      }
    }
    return copy;
  }

  /** Reads one variable into a fresh array. */
  float[] read(Session session, String name) {
    try (Result result = session.runner().fetch(entry(name).variable()).run()) {
      TFloat32 tensor = (TFloat32) result.get(0);
      float[] values = new float[Math.toIntExact(tensor.shape().size())];
      tensor.copyTo(DataBuffers.of(values, false, false));
      return values;
    }
  }

  /**
   * Overwrites the named variables with the given flat values (row-major, in each variable's
   * shape). Variables not named keep their value.
   */
  void assign(Session session, Map<String, float[]> values) {
    List<Tensor> fed = new ArrayList<>(values.size());
    try {
      Session.Runner runner = session.runner();
      for (Map.Entry<String, float[]> value : values.entrySet()) {
        Entry entry = entry(value.getKey());
        if (value.getValue().length != entry.shape().size()) {
          throw new IllegalArgumentException(
              "variable "
                  + entry.name()
                  + " has "
                  + entry.shape().size()
                  + " elements, got "
                  + value.getValue().length);
        }
        TFloat32 tensor =
            TFloat32.tensorOf(entry.shape(), DataBuffers.of(value.getValue(), true, false));
        fed.add(tensor);
        runner.feed(entry.value(), tensor).addTarget(entry.load());
      }
      if (!fed.isEmpty()) {
        runner.run().close();
      }
    } finally {
      for (Tensor tensor : fed) {
        tensor.close();
      }
    }
  }
}
