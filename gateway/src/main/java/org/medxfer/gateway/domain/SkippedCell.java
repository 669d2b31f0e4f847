package org.medxfer.gateway.domain;

/**
 * A cell of the cross product that cannot run and that the study chose to skip.
 *
 * @param displayName the cell's readable summary
 * @param reason why it cannot run
 */
public record SkippedCell(String displayName, String reason) {}
