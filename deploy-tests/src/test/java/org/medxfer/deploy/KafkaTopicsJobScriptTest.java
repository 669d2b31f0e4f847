package org.medxfer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medxfer.deploy.fixtures.Chart;

/**
 * The topics Job's script, as rendered, run by {@code sh} against a stand-in for Kafka's
 * kafka-topics.sh that keeps topics as files: what it creates, raises and waits for. (The real tool
 * and broker are not run here.)
 */
class KafkaTopicsJobScriptTest {

  // Answers like kafka-topics.sh: --list fails while $STUB/unreachable counts down, --describe
  // prints the PartitionCount line, --alter only raises. Every call is logged.
  static final String STAND_IN =
      """
      #!/bin/sh
      echo "$*" >> "$STUB/calls"
      action= topic= partitions=
      while [ $# -gt 0 ]; do
        case "$1" in
          --list|--create|--describe|--alter) action="$1" ;;
          --topic) topic="$2"; shift ;;
          --partitions) partitions="$2"; shift ;;
        esac
        shift
      done
      left=$(cat "$STUB/unreachable" 2>/dev/null || echo 0)
      if [ "$left" -gt 0 ]; then echo $((left - 1)) > "$STUB/unreachable"; exit 1; fi
      case "$action" in
        --list) ls "$STUB/topics" ;;
        --create) [ -f "$STUB/topics/$topic" ] || echo "$partitions" > "$STUB/topics/$topic" ;;
        --describe)
          printf 'Topic: %s\\tTopicId: x\\tPartitionCount: %s\\tReplicationFactor: 1\\tConfigs: \\n' \\
            "$topic" "$(cat "$STUB/topics/$topic")"
          printf '\\tTopic: %s\\tPartition: 0\\tLeader: 1\\n' "$topic" ;;
        --alter)
          [ "$partitions" -gt "$(cat "$STUB/topics/$topic")" ] || exit 1
          echo "$partitions" > "$STUB/topics/$topic" ;;
      esac
      """;

  @Test
  void waitsForKafkaThenCreatesTheMissingTopicsAndRaisesTooFewPartitions(@TempDir Path stub)
      throws Exception {
    Files.createDirectories(stub.resolve("topics"));
    // Auto-created on first use with one partition, and one a platform team gave more than asked.
    Files.writeString(stub.resolve("topics/medxfer.trial-assignments"), "1\n");
    Files.writeString(stub.resolve("topics/medxfer.trial-cancellations"), "3\n");
    Files.writeString(stub.resolve("unreachable"), "2\n");

    Run run = runScript(stub, Map.of());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(partitions(stub, "medxfer.trial-assignments")).isEqualTo("32");
    assertThat(partitions(stub, "medxfer.trial-events")).isEqualTo("32");
    assertThat(partitions(stub, "medxfer.trial-cancellations")).isEqualTo("3");
    List<String> calls = Files.readAllLines(stub.resolve("calls"));
    assertThat(calls).allMatch(call -> call.startsWith("--bootstrap-server kafka:9092 "));
    assertThat(calls.subList(0, 3)).allMatch(call -> call.endsWith("--list"));
    assertThat(calls)
        .filteredOn(call -> call.contains("--alter"))
        .singleElement()
        .satisfies(
            call -> assertThat(call).endsWith("--topic medxfer.trial-assignments --partitions 32"));
    assertThat(run.output()).contains("medxfer.trial-assignments: 32 partitions wanted, 1 found");
  }

  @Test
  void failsWhenKafkaNeverAnswersSoTheJobTriesAgain(@TempDir Path stub) throws Exception {
    Files.createDirectories(stub.resolve("topics"));
    Files.writeString(stub.resolve("unreachable"), "1000\n");

    Run run = runScript(stub, Map.of("+ 120 ))", "+ 1 ))"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output()).contains("Kafka at kafka:9092 does not answer");
    assertThat(Files.readAllLines(stub.resolve("calls"))).allMatch(call -> call.endsWith("--list"));
    assertThat(stub.resolve("topics")).isEmptyDirectory();
  }

  record Run(int exitCode, String output) {}

  /** Runs the default render's script with the stand-in, waits shortened, and edits applied. */
  static Run runScript(Path stub, Map<String, String> edits)
      throws IOException, InterruptedException {
    Path tool = stub.resolve("kafka-topics.sh");
    Files.writeString(tool, STAND_IN);
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
    Job job = Chart.render(Map.of()).get(Job.class, "medxfer-kafka-topics");
    var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getCommand().subList(0, 2)).containsExactly("sh", "-c");
    String script =
        container
            .getCommand()
            .get(2)
            .replace("/opt/kafka/bin/kafka-topics.sh", tool.toString())
            .replace("/tmp/admin.properties", stub.resolve("admin.properties").toString())
            .replace("sleep 5", "sleep 0.1");
    for (Map.Entry<String, String> edit : edits.entrySet()) {
      assertThat(script).contains(edit.getKey());
      script = script.replace(edit.getKey(), edit.getValue());
    }
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
    builder.environment().put("STUB", stub.toString());
    container.getEnv().stream()
        .filter(e -> e.getValue() != null)
        .forEach(e -> builder.environment().put(e.getName(), e.getValue()));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  static String partitions(Path stub, String topic) throws IOException {
    return Files.readString(stub.resolve("topics").resolve(topic)).strip();
  }
}
