package org.medxfer.evaluator.domain;

import java.util.List;

/** A request that cannot be served as sent; each problem names the field at fault. */
public class InvalidRequestException extends RuntimeException {

  private final List<FieldProblem> problems;

  public InvalidRequestException(List<FieldProblem> problems) {
    super(
        String.join("; ", problems.stream().map(p -> p.field() + ": " + p.description()).toList()));
    this.problems = List.copyOf(problems);
  }

  public InvalidRequestException(String field, String description) {
    this(List.of(new FieldProblem(field, description)));
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
