package org.medxfer.common.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectStoreKeyTest {

  @Test
  void plainKeysPass() {
    assertThat(ObjectStore.checkKey("datasets/breastmnist/versions/abc/train.shard"))
        .isEqualTo("datasets/breastmnist/versions/abc/train.shard");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../etc/passwd", "a/../../b", "/abs/key", "a//b", "a\\b", "a/./b", ""})
  void keysThatCouldEscapeTheirPrefixAreRefused(String key) {
    assertThatThrownBy(() -> ObjectStore.checkKey(key))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
