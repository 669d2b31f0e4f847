package org.medxfer.localstack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts child processes that outlive this JVM: output appended to a log file, stdin from
 * /dev/null, and, where {@code setsid} exists, a session of their own so that a Ctrl-C or hang-up
 * aimed at the starting command does not reach them.
 */
final class ProcessLauncher {
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final File DEV_NULL = new File("/dev/null");

  private ProcessLauncher() {}

  /**
   * Launches {@code command} with {@code extraEnvironment} added to this JVM's environment.
   *
   * @throws IOException when the process cannot be started at all
   */
  static LaunchedProcess launch(
      Component component,
      List<String> command,
      Path workDir,
      Path logFile,
      Map<String, String> extraEnvironment)
      throws IOException {
    Files.createDirectories(workDir);
    Files.createDirectories(logFile.getParent());
    long offset = Files.exists(logFile) ? Files.size(logFile) : 0;
    // Logs are appended across runs; a banner marks where this run begins.
    Files.writeString(
        logFile,
        "==== " + Instant.now() + " medxfer local-stack starts " + component + " ====\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);

    List<String> full = new ArrayList<>();
    // setsid execs in place (a child of this JVM is never a process-group leader), so the pid we
    // record is the pid of the real program.
    if (Files.isExecutable(SETSID)) {
      full.add(SETSID.toString());
    }
    full.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(full)
            .directory(workDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .redirectErrorStream(true);
    builder.environment().putAll(extraEnvironment);
    long launchedAt = System.nanoTime();
    Process process = builder.start();
    return new LaunchedProcess(
        component, process, ProcessRecord.of(process.toHandle()), logFile, offset, launchedAt);
  }
}
