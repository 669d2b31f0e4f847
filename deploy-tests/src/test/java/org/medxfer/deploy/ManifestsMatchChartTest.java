package org.medxfer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medxfer.deploy.fixtures.Chart;

/**
 * k8s/medxfer.yaml is the chart rendered with its defaults. Run with {@code
 * -Dmedxfer.k8s.render=true} to write it again after changing the chart.
 */
class ManifestsMatchChartTest {

  static final String HEADER =
      """
      # Plain manifests rendered from helm/medxfer with its default values (release name: medxfer).
      # Do not edit by hand: change the chart and render again (see k8s/README.md).
      """;

  @Test
  void k8sManifestsAreTheDefaultRender() throws Exception {
    Path manifests = Path.of(System.getProperty("medxfer.k8s.manifests", "../k8s/medxfer.yaml"));
    String rendered = HEADER + Chart.renderYaml(Map.of());
    if (Boolean.getBoolean("medxfer.k8s.render")) {
      Files.writeString(manifests, rendered);
    }

    assertThat(Files.readString(manifests))
        .as(
            "k8s/medxfer.yaml differs from the chart: render it again with -Dmedxfer.k8s.render=true")
        .isEqualTo(rendered);
  }
}
