package org.medxfer.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.medxfer.common.models.ModelCatalog;
import org.medxfer.proto.trial.v1.AdaptationKind;
import org.medxfer.proto.trial.v1.InitKind;

class ModelsCommandTest {

  @Test
  void listsEveryArchitectureWithItsBlocksParametersAndWeights() {
    String listing = ModelsCommand.render(ModelCatalog.bundled());
    assertThat(listing)
        .contains("resnet18", "resnet50", "densenet121", "vgg16_bn", "inception_v3")
        .contains("cbr_tiny", "cbr_small", "cbr_large_t", "cbr_large_w", "mobilenet_v1_100")
        .contains("11,689,512", "5: conv1, conv2 .. conv5")
        .contains("mobilenet_v1_025_imagenet")
        .contains("custom CNN");
    assertThat(listing.lines().filter(line -> line.startsWith("inception_v3")))
        .singleElement()
        .satisfies(line -> assertThat(line).contains(" 75 ", "12: stem, mixed0 .. mixed10"));
  }

  /** A new proto enum value must get its parameters described here. */
  @Test
  void describesEveryInitialisationAndAdaptationPolicy() {
    for (InitKind kind : InitKind.values()) {
      if (kind != InitKind.UNRECOGNIZED && kind.getNumber() != 0) {
        assertThat(ModelsCommand.INIT_PARAMETERS).containsKey(kind);
      }
    }
    for (AdaptationKind kind : AdaptationKind.values()) {
      if (kind != AdaptationKind.UNRECOGNIZED && kind.getNumber() != 0) {
        assertThat(ModelsCommand.ADAPTATION_PARAMETERS).containsKey(kind);
      }
    }
    assertThat(ModelsCommand.render(ModelCatalog.bundled()))
        .contains("mean_var", "up_to_block", "lp_ft", "linear_probe_epochs", "freeze_up_to_block");
  }
}
