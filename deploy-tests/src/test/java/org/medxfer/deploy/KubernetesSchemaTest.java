package org.medxfer.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medxfer.deploy.fixtures.Chart.values;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medxfer.deploy.fixtures.Chart;

/**
 * Every render validates against the Kubernetes API's OpenAPI schemas (npm kubernetes-models, run
 * by Node.js offline); the build installs the validator into target/ with npm ci.
 */
class KubernetesSchemaTest {

  static Stream<Arguments> valueSets() {
    return Stream.of(
        Arguments.of("defaults (external dependencies, TLS)", Map.of()),
        Arguments.of(
            "in-chart dependencies, plaintext",
            values(
                "kafka.deploy", true,
                "objectStore.deploy", true,
                "postgres.deploy", true,
                "tls.enabled", false)),
        Arguments.of(
            "GPU trainers autoscaled by KEDA, metrics and traces",
            values(
                "trainer.gpu.enabled", true,
                "trainer.tolerations[0].key", "nvidia.com/gpu",
                "trainer.tolerations[0].operator", "Exists",
                "trainer.autoscaling.enabled", true,
                "trainer.autoscaling.mode", "keda",
                "tracing.enabled", true,
                "metrics.serviceMonitor.enabled", true)),
        Arguments.of(
            "HPA fallback, no network policies",
            values(
                "trainer.autoscaling.enabled", true,
                "trainer.autoscaling.mode", "hpa",
                "networkPolicy.enabled", false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void everyObjectMatchesItsSchema(String name, Map<String, Object> values, @TempDir Path tmp)
      throws Exception {
    Path manifests = tmp.resolve("manifests.yaml");
    Files.writeString(manifests, Chart.renderYaml(values));

    Result result = validate(manifests);

    assertThat(result.output()).doesNotContain("\"result\":\"invalid\"");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("\"kind\":\"Deployment\"")
        .contains("\"result\":\"valid\"");
  }

  @org.junit.jupiter.api.Test
  void theValidatorCatchesAWrongType(@TempDir Path tmp) throws Exception {
    Path broken = tmp.resolve("broken.yaml");
    Files.writeString(
        broken, Chart.renderYaml(Map.of()).replaceFirst("replicas: 1", "replicas: \"one\""));

    Result result = validate(broken);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains("replicas must be integer");
  }

  record Result(int exitCode, String output) {}

  static Result validate(Path manifests) throws IOException, InterruptedException {
    Path validator = Path.of(System.getProperty("medxfer.schema-validator.dir"));
    assertThat(validator.resolve("node_modules/kubernetes-models"))
        .as("the validator is installed by the build (npm ci in %s)", validator)
        .isDirectory();
    Process process =
        new ProcessBuilder("node", "validate.mjs", manifests.toString())
            .directory(validator.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
