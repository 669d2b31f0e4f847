package org.medxfer.gateway.domain;

/** What the data set catalogue says about a data set id. */
public sealed interface DatasetLookup {

  /** The newest version and where its shards are. */
  record Found(DataLocation location) implements DatasetLookup {}

  /** No data set has the id. */
  record NotFound() implements DatasetLookup {}

  /** The data set belongs to another project than the study's. */
  record Denied() implements DatasetLookup {}

  /** The data set exists but has no version to train on yet, for {@code why}. */
  record NotReady(String why) implements DatasetLookup {}
}
