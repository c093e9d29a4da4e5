package io.github.vippscallback.allowlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShortListTest {

  @Test
  void listsAtMostFiveItemsThenHowManyMore() {
    assertThat(ShortList.of(List.of())).isEqualTo("[]");
    assertThat(ShortList.of(List.of(1, 2, 3, 4, 5))).isEqualTo("[1, 2, 3, 4, 5]");
    assertThat(ShortList.of(List.of(1, 2, 3, 4, 5, 6))).isEqualTo("[1, 2, 3, 4, 5 and 1 more]");
    assertThat(ShortList.of(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))).isEqualTo("[1, 2, 3, 4, 5 and 7 more]");
  }
}
