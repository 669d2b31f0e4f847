package org.medxfer.localstack;

/**
 * A Kafka topic the stack creates at start-up (replication factor 1: there is one broker).
 *
 * @param name topic name
 * @param partitions number of partitions
 */
public record TopicSpec(String name, int partitions) {
  public TopicSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("topic name is blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("topic " + name + " needs at least one partition");
    }
  }
}
