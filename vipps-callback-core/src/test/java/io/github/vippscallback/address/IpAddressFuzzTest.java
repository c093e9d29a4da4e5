package io.github.vippscallback.address;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of {@link IpAddress} parsing against an independent reference: the RFC 3986
 * {@code IPv4address} / {@code IPv6address} grammar (dotted quad without leading zeros; every RFC 4291
 * IPv6 text form, no zone id) written as a regular expression, and, for IPv6, the JDK's own literal
 * parser for the value. Oracle: a string is accepted exactly when the grammar matches it, to the same
 * address; the canonical text parses back to the same address and is itself canonical.
 *
 * <p>The input's bytes are read as ISO-8859-1 and as UTF-8 text. Runs the seeds under {@code
 * src/test/resources/.../IpAddressFuzzTestInputs} in every build; see docs/testing.md to fuzz.
 */
class IpAddressFuzzTest {

  private static final String DEC_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
  private static final String IPV4 = DEC_OCTET + "(?:\\." + DEC_OCTET + "){3}";
  private static final String H16 = "[0-9A-Fa-f]{1,4}";
  private static final String LS32 = "(?:" + H16 + ":" + H16 + "|" + IPV4 + ")";
  private static final String IPV6 = String.join("|",
      "(?:" + H16 + ":){6}" + LS32,
      "::(?:" + H16 + ":){5}" + LS32,
      "(?:" + H16 + ")?::(?:" + H16 + ":){4}" + LS32,
      "(?:(?:" + H16 + ":){0,1}" + H16 + ")?::(?:" + H16 + ":){3}" + LS32,
      "(?:(?:" + H16 + ":){0,2}" + H16 + ")?::(?:" + H16 + ":){2}" + LS32,
      "(?:(?:" + H16 + ":){0,3}" + H16 + ")?::" + H16 + ":" + LS32,
      "(?:(?:" + H16 + ":){0,4}" + H16 + ")?::" + LS32,
      "(?:(?:" + H16 + ":){0,5}" + H16 + ")?::" + H16,
      "(?:(?:" + H16 + ":){0,6}" + H16 + ")?::");
  private static final Pattern IPV4_ADDRESS = Pattern.compile(IPV4);
  private static final Pattern IPV6_ADDRESS = Pattern.compile("(?:" + IPV6 + ")");

  @FuzzTest(maxDuration = "5m")
  void parsingAgreesWithTheGrammarAndRoundTrips(byte[] data) throws UnknownHostException {
    check(new String(data, StandardCharsets.ISO_8859_1));
    check(new String(data, StandardCharsets.UTF_8));
  }

  private static void check(String text) throws UnknownHostException {
    IpAddress parsed = IpAddress.tryParse(text);
    boolean v4 = IPV4_ADDRESS.matcher(text).matches();
    boolean v6 = IPV6_ADDRESS.matcher(text).matches();
    assertThat(parsed != null).as("accepts %s", text).isEqualTo(v4 || v6);
    if (parsed == null) {
      return;
    }
    if (v4) {
      String[] parts = text.split("\\.");
      int bits = 0;
      for (String part : parts) {
        bits = (bits << 8) | Integer.parseInt(part);
      }
      assertThat(parsed).isEqualTo(IpAddress.ofIpv4(bits));
    } else {
      // A string with a colon is a literal to the JDK: no DNS lookup happens here.
      assertThat(parsed).as("value of %s", text).isEqualTo(IpAddress.of(InetAddress.getByName(text)));
    }
    String canonical = parsed.toString();
    IpAddress again = IpAddress.parse(canonical);
    assertThat(again).isEqualTo(parsed);
    assertThat(again.toString()).isEqualTo(canonical);
    assertThat(IpAddress.of(parsed.toInetAddress())).isEqualTo(parsed);
    assertThat(IPV4_ADDRESS.matcher(canonical).matches() || IPV6_ADDRESS.matcher(canonical).matches()).isTrue();
  }
}
