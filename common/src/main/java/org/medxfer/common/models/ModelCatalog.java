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

  private static final List<String> MOBILENET_BLOCKS = withStem("stem", blocks("block", 1, 13));
  private static final List<String> STAGES = blocks("conv", 1, 5);

  private static final List<ArchitectureInfo> ARCHITECTURES =
      List.of(
          new ArchitectureInfo(
              "cnn_small",
              "custom",
              "three conv + batch norm + ReLU blocks; cheap, for tests",
              4,
              blocks("block", 1, 3),
              88_696),
          mobileNet("025", "0.25", 470_072),
          mobileNet("050", "0.5", 1_331_592),
          mobileNet("075", "0.75", 2_585_560),
          mobileNet("100", "1.0", 4_231_976),
          new ArchitectureInfo(
              "squeezenet1_1",
              "SqueezeNet",
              "SqueezeNet 1.1 (Keras port of the Caffe model)",
              31,
              withStem("conv1", blocks("fire", 2, 9)),
              1_235_496),
          new ArchitectureInfo(
              "resnet18",
              "ResNet",
              "ResNet-18 (torchvision layout); stride-1 stem without max pool below 112 px",
              1,
              STAGES,
              11_689_512),
          new ArchitectureInfo(
              "resnet50",
              "ResNet",
              "ResNet-50 (Keras ResNet50 names); stride-1 stem without max pool below 112 px",
              1,
              STAGES,
              25_557_032),
          new ArchitectureInfo(
              "densenet121",
              "DenseNet",
              "DenseNet-121 (Keras names); stride-1 stem without max pool below 112 px",
              1,
              STAGES,
              7_978_856),
          new ArchitectureInfo(
              "vgg16_bn",
              "VGG",
              "VGG-16 with batch norm, fc1 and fc2 (Keras VGG16 names); fc1 grows with resolution",
              1,
              withTail(blocks("block", 1, 5), "fc1", "fc2"),
              138_365_992),
          new ArchitectureInfo(
              "inception_v3",
              "Inception",
              "Inception v3 without the auxiliary head (Keras names)",
              75,
              withStem("stem", blocks("mixed", 0, 10)),
              23_817_352),
          cbr("cbr_tiny", "CBR-Tiny: 5x5 convs, 64-128-256-512", 4, 4_820_520),
          cbr("cbr_small", "CBR-Small: 7x7 convs, 32-64-128-256", 4, 2_370_056),
          cbr("cbr_large_t", "CBR-LargeT: 7x7 convs, 32-64-128-256-512", 5, 9_049_608),
          cbr("cbr_large_w", "CBR-LargeW: 7x7 convs, 64-128-256-512", 4, 8_953_896));

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

  private static ArchitectureInfo mobileNet(String suffix, String alpha, long parameters) {
    return new ArchitectureInfo(
        "mobilenet_v1_" + suffix,
        "MobileNet",
        "MobileNet v1, width multiplier " + alpha + " (Keras layer names)",
        1,
        MOBILENET_BLOCKS,
        parameters);
  }

  /** Transfusion (Raghu et al. 2019) conv-BN-ReLU + max-pool stacks; any input size. */
  private static ArchitectureInfo cbr(
      String id, String description, int blockCount, long parameters) {
    return new ArchitectureInfo(
        id, "CBR", description + " (Transfusion)", 1, blocks("block", 1, blockCount), parameters);
  }

  private static List<String> withTail(List<String> blocks, String... tail) {
    List<String> all = new ArrayList<>(blocks);
    all.addAll(List.of(tail));
    return all;
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
