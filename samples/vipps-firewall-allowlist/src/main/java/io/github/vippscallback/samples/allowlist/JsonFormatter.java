package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsEnvironment;
import java.util.Set;

/**
 * One JSON object a line, {@code {"environment":"prod","addresses":["192.0.2.1","2001:db8::/32"]}}, so
 * {@code --watch} output is JSON Lines.
 */
final class JsonFormatter implements AllowlistFormatter {

  @Override
  public String format(VippsEnvironment environment, Set<IpRange> entries) {
    StringBuilder out = new StringBuilder("{\"environment\":");
    string(out, environment.id());
    out.append(",\"addresses\":[");
    boolean first = true;
    for (IpRange entry : entries) {
      if (!first) {
        out.append(',');
      }
      string(out, Entries.plain(entry));
      first = false;
    }
    return out.append("]}\n").toString();
  }

  private static void string(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
