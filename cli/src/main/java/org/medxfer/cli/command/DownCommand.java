package org.medxfer.cli.command;

import java.util.concurrent.Callable;
import org.medxfer.cli.client.StackControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medxfer down}: stops exactly the processes {@code up} started. */
@Command(name = "down", description = "Stop the local stack started by `up`.")
public final class DownCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    if (!StackControl.isRunning(connection.stateDir())) {
      System.out.println("no local stack is running (" + connection.stateDir() + ")");
      return 0;
    }
    StackControl.stop(connection.stateDir(), System.out::println);
    return 0;
  }
}
