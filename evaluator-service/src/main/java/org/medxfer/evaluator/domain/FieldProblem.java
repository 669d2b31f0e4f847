package org.medxfer.evaluator.domain;

/** One problem with a request field, named by its path (for example {@code group_by[1]}). */
public record FieldProblem(String field, String description) {}
