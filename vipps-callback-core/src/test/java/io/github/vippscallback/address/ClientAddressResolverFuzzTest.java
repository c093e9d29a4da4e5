package io.github.vippscallback.address;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Coverage-guided fuzzing of {@link ClientAddressResolver} behind trusted proxies ({@code 10.0.0.0/8},
 * {@code 2001:db8::/32}). Oracle: the result is always {@code null} or a strict address literal (no
 * brackets, port or white space); for hops the test builds itself, it is exactly the first untrusted hop
 * walking from the right (or the leftmost when all are trusted, or null when an unparsable hop comes
 * first), so never an address from a hop left of the first untrusted one, whichever of {@code
 * X-Forwarded-For} and {@code Forwarded} carries them; for arbitrary header text, the result is the peer
 * or appears in the headers.
 *
 * <p>Runs the seeds under {@code src/test/resources/.../ClientAddressResolverFuzzTestInputs} in every
 * build; see docs/testing.md to fuzz.
 */
class ClientAddressResolverFuzzTest {

  private static final ClientAddressResolver RESOLVER =
      ClientAddressResolver.trusting(List.of("10.0.0.0/8", "2001:db8::/32"));
  private static final String PEER = "10.0.0.1";

  /** One hop: its address, or null for an unparsable one, and how it is written in each header. */
  private record Hop(@Nullable IpAddress address, String forwardedFor, String forwarded) {}

  @FuzzTest(maxDuration = "5m")
  void neverAnAddressLeftOfTheFirstUntrustedHop(byte[] data) {
    FuzzInput input = new FuzzInput(data);
    if (input.oneIn(4)) {
      freeForm(input);
      return;
    }
    int count = 1 + input.next(8);
    List<Hop> hops = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      hops.add(hop(input));
    }
    int headers = input.next(3); // 0: X-Forwarded-For, 1: Forwarded, 2: both
    List<String> forwardedFor = headers == 1 ? List.of() : lines(input, hops, true);
    List<String> forwarded = headers == 0 ? List.of() : lines(input, hops, false);

    @Nullable String result = RESOLVER.resolve(PEER, forwardedFor, forwarded);

    @Nullable IpAddress expected = expected(hops);
    if (expected == null) {
      assertThat(result).as("hops %s", hops).isNull();
    } else {
      assertThat(result).as("hops %s", hops).isNotNull();
      assertThat(strict(Objects.requireNonNull(result))).as("hops %s", hops).isEqualTo(expected);
    }
  }

  private static void freeForm(FuzzInput input) {
    String peer = input.bool() ? PEER : input.text(40);
    List<String> forwardedFor = input.bool() ? List.of(input.text(80)) : List.of();
    List<String> forwarded = input.bool() ? List.of(input.text(80), input.text(40)) : List.of();
    @Nullable String result = RESOLVER.resolve(peer, forwardedFor, forwarded);
    if (result == null || result.equals(peer)) {
      return;
    }
    strict(result);
    String all = String.join("\n", forwardedFor) + "\n" + String.join("\n", forwarded);
    assertThat(all).contains(result);
  }

  /** The client a right-to-left walk finds, or null. */
  private static @Nullable IpAddress expected(List<Hop> hops) {
    for (int i = hops.size() - 1; i >= 0; i--) {
      IpAddress address = hops.get(i).address();
      if (address == null) {
        return null;
      }
      if (!RESOLVER.trustedProxies().stream().anyMatch(range -> range.contains(address))) {
        return address;
      }
    }
    return hops.get(0).address();
  }

  private static IpAddress strict(String result) {
    IpAddress address = IpAddress.tryParse(result);
    assertThat(address).as("'%s' is a strict literal", result).isNotNull();
    return Objects.requireNonNull(address);
  }

  private static Hop hop(FuzzInput input) {
    switch (input.next(6)) {
      case 0: {
        String garbage = input.pick(List.of("unknown", "_hidden", "x" + alnum(input), "010.0.0.1", "1.2.3"));
        return new Hop(null, garbage, "for=" + (garbage.startsWith("0") || garbage.startsWith("1")
            ? "\"" + garbage + "\"" : garbage));
      }
      case 1:
      case 2: {
        IpAddress v4 = input.bool()
            ? IpAddress.ofIpv4(0x0a00_0000 | input.next(0x100_0000 >>> 8) << 8 | input.next(256))
            : IpAddress.ofIpv4((int) (input.ttl() << 1));
        String text = v4.toString();
        int port = input.next(65536);
        return input.bool()
            ? new Hop(v4, text + ":" + port, "\"" + text + ":" + port + "\"")
            : new Hop(v4, text, text);
      }
      default: {
        long hi = input.bool() ? 0x2001_0db8_0000_0000L | input.next(65536) : input.ttl() << 32 | input.ttl();
        IpAddress v6 = IpAddress.ofIpv6(hi, input.ttl());
        if (v6.isIpv4()) {
          return new Hop(v6, v6.toString(), v6.toString());
        }
        String text = v6.toString();
        return switch (input.next(3)) {
          case 0 -> new Hop(v6, text, "\"[" + text + "]\"");
          case 1 -> new Hop(v6, "[" + text + "]", "\"[" + text + "]\"");
          default -> new Hop(v6, "[" + text + "]:443", "\"[" + text + "]:443\"");
        };
      }
    }
  }

  private static String alnum(FuzzInput input) {
    StringBuilder text = new StringBuilder();
    int length = input.next(6);
    for (int i = 0; i < length; i++) {
      text.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(input.next(36)));
    }
    return text.toString();
  }

  /** The hops as one or more header lines, with optional white space after commas. */
  private static List<String> lines(FuzzInput input, List<Hop> hops, boolean forwardedFor) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (Hop hop : hops) {
      if (line.length() > 0) {
        if (input.oneIn(4)) {
          lines.add(line.toString());
          line.setLength(0);
        } else {
          line.append(input.bool() ? ", " : ",");
        }
      }
      line.append(forwardedFor ? hop.forwardedFor() : "for=" + stripFor(hop.forwarded()));
      if (!forwardedFor && input.oneIn(3)) {
        line.append(";proto=https");
      }
    }
    lines.add(line.toString());
    return lines;
  }

  private static String stripFor(String forwarded) {
    return forwarded.startsWith("for=") ? forwarded.substring(4) : forwarded;
  }
}
