package org.medxfer.cli.render;

import com.google.protobuf.ProtocolMessageEnum;
import java.util.Locale;

/**
 * Short lower-case labels for proto enum values, as the study file spells them: {@code
 * INIT_KIND_IMAGENET} is {@code imagenet}, {@code TRIAL_STATE_RUNNING} is {@code running}.
 */
public final class EnumLabels {

  private EnumLabels() {}

  /** The value's name without its type prefix, lower case; empty for the unspecified value. */
  public static String of(ProtocolMessageEnum value) {
    if (value.getNumber() == 0) {
      return "";
    }
    String name = value.getValueDescriptor().getName();
    String typeName = value.getDescriptorForType().getName();
    String prefix = typeName.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT) + "_";
    String bare = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    return bare.toLowerCase(Locale.ROOT);
  }
}
