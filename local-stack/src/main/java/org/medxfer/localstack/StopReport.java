package org.medxfer.localstack;

import java.util.List;

/**
 * What a stop did.
 *
 * @param stackWasRecorded false when the state dir recorded no stack, so there was nothing to stop
 * @param lines one line per process: stopped, killed, already gone, or left alone
 */
public record StopReport(boolean stackWasRecorded, List<String> lines) {
  public StopReport {
    lines = List.copyOf(lines);
  }
}
