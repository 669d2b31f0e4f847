package org.medxfer.cli.command;

import java.nio.file.Path;
import org.medxfer.cli.client.Endpoint;
import org.medxfer.cli.client.MedxferClients;
import org.medxfer.cli.client.StackControl;
import org.medxfer.cli.client.UserToken;
import picocli.CommandLine.Option;

/**
 * Where the CLI finds medxfer and who it calls as. Every call goes to the gateway: the address
 * given, or else the local stack's recorded in the state folder, or else its default port. The
 * token is {@code MEDXFER_TOKEN}, or else the local stack's.
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

  @Option(
      names = "--gateway",
      paramLabel = "HOST:PORT",
      description = "Gateway address (default: the local stack's).")
  String gateway;

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

  /** The gateway's address. */
  public Endpoint gateway() {
    return gateway == null
        ? StackControl.gateway(stateDir())
        : Endpoint.parse(gateway, "--gateway");
  }

  /**
   * Clients of the gateway that send the user's token; read when called, so a stack this command
   * started is found.
   */
  public MedxferClients clients() {
    return new MedxferClients(gateway(), UserToken.resolve(System.getenv(), stateDir()));
  }
}
