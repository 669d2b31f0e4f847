package org.medxfer.cli;

import org.medxfer.cli.command.CompareCommand;
import org.medxfer.cli.command.DatasetsCommand;
import org.medxfer.cli.command.DemoCommand;
import org.medxfer.cli.command.DownCommand;
import org.medxfer.cli.command.PlanCommand;
import org.medxfer.cli.command.ReportCommand;
import org.medxfer.cli.command.RerunCommand;
import org.medxfer.cli.command.StackCommand;
import org.medxfer.cli.command.StatusCommand;
import org.medxfer.cli.command.SubmitCommand;
import org.medxfer.cli.command.UpCommand;
import org.medxfer.cli.command.ValidateCommand;
import org.medxfer.cli.render.ErrorPrinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code medxfer} command line. */
@Command(
    name = "medxfer",
    mixinStandardHelpOptions = true,
    version = "medxfer 0.1.0",
    description = "Does ImageNet transfer learning help on medical images? Run the experiment.",
    subcommands = {
      DemoCommand.class,
      UpCommand.class,
      DownCommand.class,
      StackCommand.class,
      DatasetsCommand.class,
      ValidateCommand.class,
      PlanCommand.class,
      SubmitCommand.class,
      RerunCommand.class,
      StatusCommand.class,
      CompareCommand.class,
      ReportCommand.class
    })
public final class MedxferCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    int exitCode =
        new CommandLine(new MedxferCli())
            .setExecutionExceptionHandler(new ErrorPrinter())
            .execute(args);
    System.exit(exitCode);
  }
}
