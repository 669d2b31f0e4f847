package org.medxfer.cli.command;

import java.nio.file.Path;
import org.medxfer.cli.client.Endpoint;
import org.medxfer.cli.client.Endpoints;
import org.medxfer.cli.client.StackControl;
import picocli.CommandLine.Option;

/**
 * Where the CLI finds medxfer: explicit addresses, or else the local stack recorded in the state
 * folder, or else the local stack's default ports.
 */
public final class ConnectionOptions {

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Local stack state folder (default: .medxfer/stack in the medxfer home).")
  Path stateDir;

  @Option(
      names = "--port-base",
      paramLabel = "PORT",
      description =
          "For a stack this command starts: the first of eight consecutive ports (default:"
              + " services 18080-18083, Kafka 19092-19093, S3 19000, PostgreSQL 15432).")
  Integer portBase;

  @Option(names = "--gateway", paramLabel = "HOST:PORT", description = "Gateway address.")
  String gateway;

  @Option(names = "--datasets", paramLabel = "HOST:PORT", description = "dataset-service address.")
  String datasets;

  @Option(
      names = "--evaluator",
      paramLabel = "HOST:PORT",
      description = "evaluator-service address.")
  String evaluator;

  /** The repository root the launcher passes as {@code medxfer.home}. */
  public Path home() {
    return Path.of(System.getProperty("medxfer.home", ".")).toAbsolutePath().normalize();
  }

  /** The port base for a stack this command starts; null for the default ports. */
  public Integer portBase() {
    return portBase;
  }

  /** The local stack's state folder. */
  public Path stateDir() {
    return stateDir != null ? stateDir.toAbsolutePath() : StackControl.defaultStateDir(home());
  }

  /** The addresses to call. */
  public Endpoints endpoints() {
    Endpoints local = StackControl.endpoints(stateDir());
    return new Endpoints(
        gateway == null ? local.gateway() : Endpoint.parse(gateway, "--gateway"),
        datasets == null ? local.datasets() : Endpoint.parse(datasets, "--datasets"),
        evaluator == null ? local.evaluation() : Endpoint.parse(evaluator, "--evaluator"));
  }
}
