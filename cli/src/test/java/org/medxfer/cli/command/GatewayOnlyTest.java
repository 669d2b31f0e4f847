package org.medxfer.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medxfer.cli.MedxferCli;
import org.medxfer.cli.fixtures.FakeGateway;
import org.medxfer.cli.render.ErrorPrinter;
import picocli.CommandLine;

/**
 * Data sets, studies and evaluation all go to the one gateway address, each call carrying the local
 * stack's token when {@code MEDXFER_TOKEN} is not set.
 */
class GatewayOnlyTest {
  @TempDir Path stateDir;

  @BeforeEach
  void noTokenInTheEnvironment() throws Exception {
    assumeTrue(System.getenv("MEDXFER_TOKEN") == null, "MEDXFER_TOKEN is set");
    Files.createDirectories(stateDir.resolve("auth"));
    Files.writeString(stateDir.resolve("auth/token"), "local-token\n");
  }

  private int run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      return new CommandLine(new MedxferCli())
          .setExecutionExceptionHandler(new ErrorPrinter())
          .execute(args);
    } finally {
      System.setOut(original);
      original.print(out.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void datasetsAndComparisonsGoToTheGatewayWithTheStacksToken() throws Exception {
    try (FakeGateway gateway = new FakeGateway()) {
      String[] connection = {"--gateway", gateway.address(), "--state-dir", stateDir.toString()};

      assertThat(run(concat(new String[] {"datasets", "list"}, connection))).isZero();
      assertThat(run(concat(new String[] {"compare", "studies/s1"}, connection))).isZero();

      assertThat(gateway.calls())
          .extracting(FakeGateway.Call::method)
          .containsExactly(
              "medxfer.dataset.v1.DatasetService/ListDatasets",
              "medxfer.evaluation.v1.EvaluationService/CompareStudy");
      assertThat(gateway.calls())
          .extracting(FakeGateway.Call::authorization)
          .containsOnly("Bearer local-token");
    }
  }

  @Test
  void theServiceAddressOptionsAreGone() {
    assertThat(run("datasets", "list", "--datasets", "127.0.0.1:18081")).isEqualTo(2);
    assertThat(run("compare", "s1", "--evaluator", "127.0.0.1:18083")).isEqualTo(2);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
