package org.medxfer.cli.command;

import java.util.concurrent.Callable;
import org.medxfer.cli.client.StackControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medxfer up}: starts the local stack and leaves it running. */
@Command(name = "up", description = "Start the local stack (Kafka, S3, PostgreSQL, four services).")
public final class UpCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    StackControl.start(
        connection.home(), connection.stateDir(), connection.portBase(), System.out::println);
    System.out.println(StackControl.describe(connection.stateDir()));
    boolean defaultStateDir =
        connection.stateDir().equals(StackControl.defaultStateDir(connection.home()));
    System.out.println(
        "stop it with: ./medxfer down"
            + (defaultStateDir ? "" : " --state-dir " + connection.stateDir()));
    return 0;
  }
}
