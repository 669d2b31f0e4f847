package org.medxfer.cli.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.medxfer.cli.render.EnumLabels;
import org.medxfer.cli.render.TextTable;
import org.medxfer.common.models.ArchitectureInfo;
import org.medxfer.common.models.ModelCatalog;
import org.medxfer.common.models.WeightSet;
import org.medxfer.proto.trial.v1.AdaptationKind;
import org.medxfer.proto.trial.v1.InitKind;
import org.medxfer.proto.trial.v1.PoolKind;
import picocli.CommandLine.Command;

/**
 * {@code medxfer models}: the model zoo, the registered weights, the initialisations and the
 * adaptation policies a study may name, read from the catalog and the proto enums; needs no running
 * stack.
 */
@Command(
    name = "models",
    description =
        "List architectures (blocks, minimum resolution, parameters, weights), initialisations"
            + " and adaptation policies.")
public final class ModelsCommand implements Callable<Integer> {

  /** The study-file fields each initialisation reads (`init.*`). */
  static final Map<InitKind, String> INIT_PARAMETERS =
      new LinkedHashMap<>(
          Map.of(
              InitKind.INIT_KIND_RANDOM, "none (seeded: He for convolutions, Glorot for the head)",
              InitKind.INIT_KIND_IMAGENET, "weights (registered name; empty = the default set)",
              InitKind.INIT_KIND_MEAN_VAR,
                  "weights: each layer i.i.d. from that set's layer mean and variance",
              InitKind.INIT_KIND_PARTIAL,
                  "weights, up_to_block (pretrained blocks 1..k, random above)",
              InitKind.INIT_KIND_TRIAL_CHECKPOINT,
                  "source_trial (studies/{study}/trials/{trial}: its final model)"));

  /** The study-file fields each adaptation policy reads (`adaptation.*`, `training.*`). */
  static final Map<AdaptationKind, String> ADAPTATION_PARAMETERS =
      new LinkedHashMap<>(
          Map.of(
              AdaptationKind.ADAPTATION_KIND_FULL,
                  "every weight trains; training.backbone_learning_rate sets the backbone's own"
                      + " rate",
              AdaptationKind.ADAPTATION_KIND_LINEAR_PROBE,
                  "head only; backbone frozen, batch norm in inference mode",
              AdaptationKind.ADAPTATION_KIND_FREEZE_UP_TO_BLOCK,
                  "freeze_up_to_block (blocks 1..k frozen)",
              AdaptationKind.ADAPTATION_KIND_LP_FT,
                  "linear_probe_epochs (probe first, then fine-tune the rest of the epochs)"));

  @Override
  public Integer call() {
    System.out.print(render(ModelCatalog.bundled()));
    return 0;
  }

  /** The whole listing. */
  static String render(ModelCatalog catalog) {
    StringBuilder out = new StringBuilder();
    out.append("Architectures (parameters: trainable, at 224 px with 1,000 classes)\n\n");
    TextTable architectures =
        new TextTable(List.of("id", "family", "min px", "blocks", "parameters", "weights"));
    for (ArchitectureInfo info : catalog.architectures()) {
      architectures.add(
          List.of(
              info.id(),
              info.family(),
              Integer.toString(info.minimumResolution()),
              blocks(info.blocks()),
              String.format(Locale.ROOT, "%,d", info.imageNetParameters()),
              catalog.weights().stream()
                  .filter(w -> w.architecture().equals(info.id()))
                  .map(WeightSet::name)
                  .collect(Collectors.joining(", "))));
    }
    out.append(architectures.render()).append('\n');
    for (ArchitectureInfo info : catalog.architectures()) {
      out.append("  ").append(info.id()).append(": ").append(info.description()).append('\n');
    }
    out.append("  custom CNN: any name, with custom_cnn {blocks: [{filters, kernel_size (3),")
        .append(" convs (1), batch_norm, pool: ")
        .append(poolKinds())
        .append("}], dropout}; blocks block1..blockN; any size\n\n");

    out.append("Registered weights\n\n");
    TextTable weights = new TextTable(List.of("name", "architecture", "file", "licence"));
    for (WeightSet set : catalog.weights()) {
      weights.add(List.of(set.name(), set.architecture(), set.file(), set.licence()));
    }
    out.append(weights.render()).append('\n');

    out.append("Initialisations (init.kind)\n\n");
    TextTable inits = new TextTable(List.of("kind", "parameters"));
    for (InitKind kind : InitKind.values()) {
      if (kind != InitKind.UNRECOGNIZED && kind.getNumber() != 0) {
        inits.add(List.of(EnumLabels.of(kind), INIT_PARAMETERS.getOrDefault(kind, "")));
      }
    }
    out.append(inits.render()).append('\n');

    out.append("Adaptation policies (adaptation.kind)\n\n");
    TextTable adaptations = new TextTable(List.of("kind", "parameters"));
    for (AdaptationKind kind : AdaptationKind.values()) {
      if (kind != AdaptationKind.UNRECOGNIZED && kind.getNumber() != 0) {
        adaptations.add(List.of(EnumLabels.of(kind), ADAPTATION_PARAMETERS.getOrDefault(kind, "")));
      }
    }
    out.append(adaptations.render());
    return out.toString();
  }

  /** {@code 5: conv1..conv5}, or every name when there are three or fewer. */
  private static String blocks(List<String> blocks) {
    if (blocks.size() <= 3) {
      return blocks.size() + ": " + String.join(", ", blocks);
    }
    return blocks.size()
        + ": "
        + blocks.get(0)
        + ", "
        + blocks.get(1)
        + " .. "
        + blocks.get(blocks.size() - 1);
  }

  private static String poolKinds() {
    List<String> kinds = new ArrayList<>();
    for (PoolKind kind : PoolKind.values()) {
      if (kind != PoolKind.UNRECOGNIZED && kind.getNumber() != 0) {
        kinds.add(EnumLabels.of(kind));
      }
    }
    return String.join("|", kinds);
  }
}
