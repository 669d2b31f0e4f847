package org.medxfer.cli.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code medxfer bench train}: the training benchmark. It runs in a child JVM on the trainer's
 * build ({@code trainer-service/target/quarkus-app}), so this command line carries no TensorFlow
 * natives.
 */
@Command(
    name = "bench",
    description = "Benchmarks on this machine.",
    subcommands = {BenchCommand.Train.class})
public final class BenchCommand implements Runnable {

  /** The bench main class in the trainer's build. */
  static final String MAIN_CLASS = "org.medxfer.trainer.infra.tf.ModelBench";

  @Override
  public void run() {
    System.out.println("usage: medxfer bench train --model M --size S --batch B");
  }

  /** {@code bench train}. */
  @Command(
      name = "train",
      description =
          "Training and inference images/s and achieved FLOP/s of a model, in process with"
              + " TensorFlow Java, on BreastMNIST images held in memory.")
  public static final class Train implements Callable<Integer> {

    @Option(
        names = "--model",
        paramLabel = "M[,M...]",
        defaultValue = "resnet18",
        description =
            "Architecture ids (see `medxfer models`), or all (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
        names = "--size",
        paramLabel = "S[,S...]",
        defaultValue = "28",
        description = "Input resolutions in pixels (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(
        names = "--batch",
        defaultValue = "32",
        description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps first.")
    int warmup;

    @Option(names = "--steps", defaultValue = "5", description = "Timed steps.")
    int steps;

    @Option(names = "--threads", defaultValue = "2", description = "TensorFlow intra-op threads.")
    int threads;

    @Option(
        names = "--precision",
        defaultValue = "fp32",
        description = "fp32, bf16 or both (side by side).")
    String precision;

    @Option(
        names = "--epoch",
        description = "Also train two epochs through the trainer: the whole-epoch rate.")
    boolean epoch;

    @Option(
        names = "--tsv",
        paramLabel = "FILE",
        description = "Append fp32 rows in the throughput-cpu.tsv format.")
    Path tsv;

    @Override
    public Integer call() throws IOException, InterruptedException {
      Path home = Path.of(System.getProperty("medxfer.home", ".")).toAbsolutePath().normalize();
      Path app = home.resolve("trainer-service/target/quarkus-app");
      if (!Files.isDirectory(app.resolve("lib/main"))) {
        System.err.println(
            "error: the trainer is not built (" + app + "); run `./medxfer build` first");
        return 1;
      }
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Dmedxfer.home=" + home);
      command.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
      command.add("-cp");
      command.add(
          String.join(
              File.pathSeparator,
              app.resolve("app").resolve("*").toString(),
              app.resolve("lib/boot").resolve("*").toString(),
              app.resolve("lib/main").resolve("*").toString()));
      command.add(MAIN_CLASS);
      command.addAll(
          List.of(
              "--model", model,
              "--size", size,
              "--batch", Integer.toString(batch),
              "--warmup", Integer.toString(warmup),
              "--steps", Integer.toString(steps),
              "--threads", Integer.toString(threads),
              "--precision", precision,
              "--home", home.toString()));
      if (epoch) {
        command.add("--epoch");
      }
      if (tsv != null) {
        command.addAll(List.of("--tsv", tsv.toAbsolutePath().toString()));
      }
      ProcessBuilder process = new ProcessBuilder(command).inheritIO();
      process.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
      return process.start().waitFor();
    }
  }
}
