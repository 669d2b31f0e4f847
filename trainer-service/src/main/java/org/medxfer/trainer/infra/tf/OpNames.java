package org.medxfer.trainer.infra.tf;

import java.util.HashMap;
import java.util.Map;
import org.tensorflow.op.Ops;

/**
 * Hierarchical op names such as {@code fire2/squeeze1x1/kernel}.
 *
 * <p>{@code Ops.withName} rejects '/', and every {@code withSubScope} call makes its name unique
 * ({@code conv1}, then {@code conv1_1}), so each sub-scope is created once and cached here; all ops
 * of a layer then land under the same prefix.
 */
final class OpNames {

  private final Ops root;
  private final Map<String, Ops> scopes = new HashMap<>();

  OpNames(Ops root) {
    this.root = root;
  }

  /** An {@code Ops} whose next op is called {@code path} below the root scope. */
  Ops named(String path) {
    int slash = path.lastIndexOf('/');
    if (slash < 0) {
      return root.withName(path);
    }
    return scope(path.substring(0, slash)).withName(path.substring(slash + 1));
  }

  /** The {@code Ops} for the sub-scope {@code path}, the same instance on every call. */
  Ops scope(String path) {
    Ops cached = scopes.get(path);
    if (cached != null) {
      return cached;
    }
    int slash = path.lastIndexOf('/');
    Ops parent = slash < 0 ? root : scope(path.substring(0, slash));
    Ops created = parent.withSubScope(path.substring(slash + 1));
    scopes.put(path, created);
    return created;
  }
}
