package org.medxfer.common.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The model zoo as data: which architectures trainers build and which pretrained weight sets are
 * registered for them. The gateway validates studies against it, the CLI lists it, and trainers
 * build and load exactly what it names, so a study is refused before dispatch when it asks for
 * something no trainer can do.
 */
public final class ModelCatalog {

  /** Class-path location of the tab-separated weights registry. */
  public static final String WEIGHTS_RESOURCE = "/medxfer/pretrained-weights.tsv";

  private static final int WEIGHT_COLUMNS = 6;

  private static final List<ArchitectureInfo> ARCHITECTURES =
      List.of(
          new ArchitectureInfo(
              "cnn_small",
              "custom",
              "three conv + batch norm + ReLU blocks; cheap, for tests",
              4,
              blocks("block", 1, 3)),
          new ArchitectureInfo(
              "mobilenet_v1_025",
              "MobileNet",
              "MobileNet v1, width multiplier 0.25 (Keras layer names)",
              1,
              withStem("stem", blocks("block", 1, 13))),
          new ArchitectureInfo(
              "squeezenet1_1",
              "SqueezeNet",
              "SqueezeNet 1.1 (Keras port of the Caffe model)",
              31,
              withStem("conv1", blocks("fire", 2, 9))));

  private final List<WeightSet> weights;

  private ModelCatalog(List<WeightSet> weights) {
    this.weights = List.copyOf(weights);
  }

  /** The catalog shipped with this build. */
  public static ModelCatalog bundled() {
    try (InputStream in = ModelCatalog.class.getResourceAsStream(WEIGHTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "weights registry " + WEIGHTS_RESOURCE + " is not on the class path");
      }
      return new ModelCatalog(parseWeights(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read weights registry " + WEIGHTS_RESOURCE, e);
    }
  }

  /** Every architecture, in the order listings show them. */
  public List<ArchitectureInfo> architectures() {
    return ARCHITECTURES;
  }

  public Optional<ArchitectureInfo> architecture(String id) {
    return ARCHITECTURES.stream().filter(a -> a.id().equals(id)).findFirst();
  }

  /** Every registered weight set. */
  public List<WeightSet> weights() {
    return weights;
  }

  public Optional<WeightSet> weightSet(String name) {
    return weights.stream().filter(w -> w.name().equals(name)).findFirst();
  }

  /** The weight set an "imagenet" init uses when the study names none. */
  public Optional<WeightSet> defaultWeights(String architectureId) {
    return weights.stream().filter(w -> w.architecture().equals(architectureId)).findFirst();
  }

  /**
   * Parses registry text: '#' comments, one tab-separated entry per line (name, architecture, file,
   * sha256, source, licence). An entry naming an architecture outside the catalog is refused.
   */
  static List<WeightSet> parseWeights(Reader text) throws IOException {
    List<WeightSet> entries = new ArrayList<>();
    for (TabSeparated.Line line : TabSeparated.rows(text, WEIGHT_COLUMNS, "weights registry")) {
      String[] columns = line.cells();
      String architecture = columns[1];
      if (ARCHITECTURES.stream().noneMatch(a -> a.id().equals(architecture))) {
        throw new IllegalStateException(
            "weights registry line "
                + line.number()
                + " names unknown architecture "
                + architecture);
      }
      entries.add(
          new WeightSet(
              columns[0],
              architecture,
              columns[2],
              columns[3].toLowerCase(Locale.ROOT),
              columns[4],
              columns[5]));
    }
    return entries;
  }

  private static List<String> blocks(String prefix, int first, int last) {
    return IntStream.rangeClosed(first, last).mapToObj(i -> prefix + i).toList();
  }

  private static List<String> withStem(String stem, List<String> blocks) {
    List<String> all = new ArrayList<>();
    all.add(stem);
    all.addAll(blocks);
    return all;
  }
}
