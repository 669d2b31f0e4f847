package org.medxfer.common.grpc;

/**
 * One problem with a request field, named by its path (for example {@code training.epochs} or
 * {@code datasets[1]}).
 */
public record FieldViolation(String field, String description) {}
