package org.medxfer.gateway.domain;

/**
 * What a study needs to know about an architecture to tell whether a cell can run.
 *
 * @param id architecture id
 * @param minimumResolution smallest input side in pixels
 * @param blockCount backbone blocks; block indices in a study run from 1 to this
 */
public record ArchitectureFacts(String id, int minimumResolution, int blockCount) {}
