package org.medxfer.cli.command;

import java.util.concurrent.Callable;
import org.medxfer.cli.client.StackControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medxfer stack}: what the local stack runs and where. */
@Command(name = "stack", description = "Show the local stack's processes, ports and logs.")
public final class StackCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    if (!StackControl.isRunning(connection.stateDir())) {
      System.out.println("no local stack is running (" + connection.stateDir() + ")");
      return 1;
    }
    System.out.println(StackControl.describe(connection.stateDir()));
    return 0;
  }
}
