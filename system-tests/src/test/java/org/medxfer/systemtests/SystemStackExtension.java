package org.medxfer.systemtests;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every test class the same {@link SystemStack}: started by the first class that asks for it,
 * closed by JUnit when the whole run ends (it is kept in the root store, which closes what it
 * holds).
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
        .computeIfAbsent(SystemStack.class, key -> SystemStack.start(), SystemStack.class);
  }
}
