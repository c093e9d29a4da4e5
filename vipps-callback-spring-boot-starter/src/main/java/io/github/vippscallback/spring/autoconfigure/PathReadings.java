package io.github.vippscallback.spring.autoconfigure;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every reading of a request path that a container, proxy, gateway or backend may apply before it routes
 * the request, so that the guard can take a request when <em>any</em> of them reaches a guarded endpoint.
 *
 * <p>A path is read with any combination of these steps, in this order: path parameters ({@code ;...})
 * removed from each segment, percent-decoding once ({@code %2e}, {@code %2f}, {@code %5c} included; before
 * or after the parameters are removed), backslashes read as slashes, repeated slashes collapsed, and dot
 * segments resolved (RFC 3986, 5.2.4). A path that cannot be read (a bad escape, an encoded or raw control
 * character such as NUL) is also read as if it ended just before the first such spot, as a backend that
 * stops there would, and with every such spot left out, as a backend that drops them would.
 *
 * <p>A plain path, one none of these steps changes, has itself as its only reading: {@link #isPlain} tells so
 * without allocating, and the guard's common path never builds the readings. Pure and stateless.
 */
final class PathReadings {

  private static final int PARAMETERS = 1;
  private static final int BACKSLASHES = 2;
  private static final int SLASHES = 4;
  private static final int DOTS = 8;
  private static final int ALL_STEPS = 16;

  private PathReadings() {}

  /**
   * Whether no step changes {@code path}: it has no {@code %}, {@code ;}, {@code \}, control character,
   * empty segment (but a trailing {@code /}) or {@code .}/{@code ..} segment.
   */
  static boolean isPlain(String path) {
    int length = path.length();
    int segmentStart = 0;
    for (int i = 0; i < length; i++) {
      char c = path.charAt(i);
      if (c == '%' || c == ';' || c == '\\' || c < 0x20 || c == 0x7f) {
        return false;
      }
      if (c == '/') {
        if (i > 0 && i == segmentStart) {
          return false; // "//"
        }
        if (isDotSegment(path, segmentStart, i)) {
          return false;
        }
        segmentStart = i + 1;
      }
    }
    return !isDotSegment(path, segmentStart, length);
  }

  /**
   * Every distinct reading of {@code path}, the path itself first. Each reading is a path as a server
   * would match it: already decoded where decoding is one of its steps.
   */
  static List<Reading> of(String path) {
    Set<Reading> readings = new LinkedHashSet<>();
    readings.add(new Reading(path, false));
    addEvery(path, readings);
    int unreadable = firstUnreadable(path);
    if (unreadable >= 0) {
      addEvery(path.substring(0, unreadable), readings);
      addEvery(withoutUnreadable(path), readings);
    }
    return List.copyOf(readings);
  }

  /** A reading of a path: its text, and whether that text is decoded already (so must not be again). */
  record Reading(String path, boolean decoded) {}

  /** Adds the readings of {@code path} by every combination of steps. */
  private static void addEvery(String path, Set<Reading> readings) {
    String decoded = decode(path);
    String parametersFirst = decode(removeParameters(path));
    for (int steps = 0; steps < ALL_STEPS; steps++) {
      readings.add(new Reading(apply(path, steps), false));
      readings.add(decodedReading(apply(decoded, steps)));
      readings.add(decodedReading(apply(parametersFirst, steps)));
    }
  }

  /** A decoded reading; one without a {@code %} reads the same either way, so it is one reading. */
  private static Reading decodedReading(String path) {
    return new Reading(path, path.indexOf('%') >= 0);
  }

  private static String apply(String path, int steps) {
    String read = path;
    if ((steps & PARAMETERS) != 0) {
      read = removeParameters(read);
    }
    if ((steps & BACKSLASHES) != 0) {
      read = read.replace('\\', '/');
    }
    if ((steps & SLASHES) != 0) {
      read = collapseSlashes(read);
    }
    if ((steps & DOTS) != 0) {
      read = removeDotSegments(read);
    }
    return read;
  }

  /** Drops each segment's {@code ;...} part (as servlet containers read path parameters). */
  static String removeParameters(String path) {
    if (path.indexOf(';') < 0) {
      return path;
    }
    StringBuilder out = new StringBuilder(path.length());
    boolean inParameters = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '/') {
        inParameters = false;
      } else if (c == ';') {
        inParameters = true;
      }
      if (!inParameters) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Percent-decodes once: a run of escapes as UTF-8 where it is UTF-8, else byte by byte (as Latin-1); a bad
   * escape is kept as it stands.
   */
  static String decode(String path) {
    if (path.indexOf('%') < 0) {
      return path;
    }
    StringBuilder out = new StringBuilder(path.length());
    byte[] run = new byte[path.length() / 3 + 1];
    int runLength = 0;
    for (int i = 0; i < path.length(); ) {
      int escaped = escapeAt(path, i);
      if (escaped >= 0) {
        run[runLength++] = (byte) escaped;
        i += 3;
        continue;
      }
      appendDecoded(run, runLength, out);
      runLength = 0;
      out.append(path.charAt(i));
      i++;
    }
    appendDecoded(run, runLength, out);
    return out.toString();
  }

  private static void appendDecoded(byte[] bytes, int length, StringBuilder out) {
    if (length == 0) {
      return;
    }
    try {
      out.append(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length)));
    } catch (CharacterCodingException e) {
      for (int i = 0; i < length; i++) {
        out.append((char) (bytes[i] & 0xff));
      }
    }
  }

  /** The byte that a well-formed escape at {@code index} stands for, or {@code -1}. */
  private static int escapeAt(String path, int index) {
    if (path.charAt(index) != '%' || index + 2 >= path.length()) {
      return -1;
    }
    int high = hex(path.charAt(index + 1));
    int low = high < 0 ? -1 : hex(path.charAt(index + 2));
    return low < 0 ? -1 : high << 4 | low;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /**
   * Where {@code path} stops being readable: the first bad escape, or the first control character, raw or
   * encoded ({@code %00} to {@code %1f}, {@code %7f}); {@code -1} when it is readable throughout.
   */
  static int firstUnreadable(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return i;
      }
      if (c == '%') {
        int value = escapeAt(path, i);
        if (value < 0x20 || value == 0x7f) {
          return i; // a bad escape (-1) or an encoded control character
        }
      }
    }
    return -1;
  }

  /** {@code path} without its control characters (raw or encoded) and without the {@code %} of a bad escape. */
  static String withoutUnreadable(String path) {
    StringBuilder out = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        continue;
      }
      if (c == '%') {
        int value = escapeAt(path, i);
        if (value < 0) {
          continue; // the % of a bad escape
        }
        if (value < 0x20 || value == 0x7f) {
          i += 2;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  /** Replaces each run of {@code /} with one. */
  static String collapseSlashes(String path) {
    if (!path.contains("//")) {
      return path;
    }
    StringBuilder out = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c != '/' || out.length() == 0 || out.charAt(out.length() - 1) != '/') {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** RFC 3986, section 5.2.4: {@code .} and {@code ..} segments resolved, never above the root. */
  static String removeDotSegments(String path) {
    StringBuilder out = new StringBuilder(path.length());
    String in = path;
    while (!in.isEmpty()) {
      if (in.startsWith("../")) {
        in = in.substring(3);
      } else if (in.startsWith("./")) {
        in = in.substring(2);
      } else if (in.startsWith("/./")) {
        in = in.substring(2);
      } else if (in.equals("/.")) {
        in = "/";
      } else if (in.startsWith("/../")) {
        in = in.substring(3);
        removeLastSegment(out);
      } else if (in.equals("/..")) {
        in = "/";
        removeLastSegment(out);
      } else if (in.equals(".") || in.equals("..")) {
        in = "";
      } else {
        int next = in.indexOf('/', in.charAt(0) == '/' ? 1 : 0);
        int end = next < 0 ? in.length() : next;
        out.append(in, 0, end);
        in = in.substring(end);
      }
    }
    return out.toString();
  }

  private static void removeLastSegment(StringBuilder out) {
    int slash = out.lastIndexOf("/");
    out.setLength(Math.max(slash, 0));
  }

  private static boolean isDotSegment(String path, int start, int end) {
    int length = end - start;
    return (length == 1 && path.charAt(start) == '.')
        || (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.');
  }
}
