package io.github.vippscallback.allowlist;

import java.util.Collection;
import java.util.Iterator;

/** A list for a log line or an error: at most {@value #SHOWN} items, then "and N more". */
final class ShortList {

  /** How many items are written out. */
  static final int SHOWN = 5;

  private ShortList() {}

  /** {@code [a, b, c, d, e and 27 more]}; {@code []} when empty. */
  static String of(Collection<?> items) {
    StringBuilder text = new StringBuilder("[");
    Iterator<?> each = items.iterator();
    for (int i = 0; i < SHOWN && each.hasNext(); i++) {
      if (i > 0) {
        text.append(", ");
      }
      text.append(each.next());
    }
    if (items.size() > SHOWN) {
      text.append(" and ").append(items.size() - SHOWN).append(" more");
    }
    return text.append(']').toString();
  }
}
