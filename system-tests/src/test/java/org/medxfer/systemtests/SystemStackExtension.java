package org.medxfer.systemtests;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every test class the same {@link SystemStack}: started by the first class that asks for it,
 * closed by JUnit when the whole run ends (it is kept in the root store, which closes what it
 * holds). A start that failed is not tried again by the next class: each gets the first failure.
 */
final class SystemStackExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SystemStackExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SystemStack.class;
  }

  @Override
  public SystemStack resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(Start.class, key -> Start.attempt(), Start.class)
        .stack();
  }

  /** The outcome of the one start: the stack, or why it did not start. */
  private record Start(SystemStack started, RuntimeException failure) implements AutoCloseable {

    static Start attempt() {
      try {
        return new Start(SystemStack.start(), null);
      } catch (RuntimeException e) {
        return new Start(null, e);
      }
    }

    SystemStack stack() {
      if (failure != null) {
        throw new IllegalStateException("the shared stack did not start: " + failure, failure);
      }
      return started;
    }

    @Override
    public void close() {
      if (started != null) {
        started.close();
      }
    }
  }
}
