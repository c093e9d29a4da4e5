package io.github.vippscallback.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IpLiteralParserTest {

  /** Records what the parser delivered and answers as told. */
  private static final class Recorder implements IpLiteralParser.Visitor {
    final List<String> calls = new ArrayList<>();
    final boolean answer;

    Recorder(boolean answer) {
      this.answer = answer;
    }

    @Override
    public boolean testIpv4(int address) {
      calls.add("v4 " + IpAddress.ofIpv4(address));
      return answer;
    }

    @Override
    public boolean testIpv6(long hi, long lo) {
      calls.add("v6 " + IpAddress.ofIpv6(hi, lo));
      return answer;
    }
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("io.github.vippscallback.address.AddressLiteralTable#rows")
  void deliversEachLiteralOnceToTheRightFamilyAndNothingForNonLiterals(
      String input, @Nullable String canonical) {
    Recorder recorder = new Recorder(true);
    boolean parsed = IpLiteralParser.parse(input, recorder);
    if (canonical == null) {
      assertThat(parsed).isFalse();
      assertThat(recorder.calls).isEmpty();
    } else {
      assertThat(parsed).isTrue();
      String family = canonical.indexOf(':') >= 0 ? "v6 " : "v4 ";
      assertThat(recorder.calls).containsExactly(family + canonical);
    }
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("io.github.vippscallback.address.AddressLiteralTable#rows")
  void parsesARegionInPlaceIgnoringTheCharactersAround(String input, @Nullable String canonical) {
    String padded = "[ %" + input + ":\n]";
    Recorder recorder = new Recorder(true);
    boolean parsed = IpLiteralParser.parse(padded, 3, 3 + input.length(), recorder);
    assertThat(parsed).isEqualTo(canonical != null);
    assertThat(recorder.calls).hasSize(canonical == null ? 0 : 1);
  }

  /** What containers hand over; the fast path must take every such string. */
  private static final Pattern PLAIN_IPV6 =
      Pattern.compile("[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){7}");

  @Test
  void parsesThePlainIpv6FormExactlyAsTheGeneralParserDoes() {
    // Strings built from the plain form's alphabet plus the characters that make it something else
    // ('.', '::', a fifth digit, a ninth group, non-hex and non-ASCII characters).
    char[] alphabet = "0123456789abcdefABCDEF:::.g %\u0663\uff10\u00b2\u00e1\u00ff".toCharArray();
    SplittableRandom random = new SplittableRandom(0x1b6_7a57L);
    int plainTaken = 0;
    for (int n = 0; n < 50_000; n++) {
      StringBuilder text = new StringBuilder();
      int groups = random.nextInt(5) > 0 ? 8 : 7 + 2 * random.nextInt(2);
      for (int g = 0; g < groups; g++) {
        if (g > 0) {
          text.append(':');
        }
        int digits = random.nextInt(20) > 0 ? 1 + random.nextInt(4) : 5 * random.nextInt(2);
        for (int d = 0; d < digits; d++) {
          text.append("0123456789abcdefABCDEF".charAt(random.nextInt(22)));
        }
      }
      if (random.nextInt(4) == 0) {
        text.setCharAt(random.nextInt(text.length()), alphabet[random.nextInt(alphabet.length)]);
      }
      String input = text.toString();
      boolean answer = random.nextBoolean();
      Recorder general = new Recorder(answer);
      boolean generalParsed = IpLiteralParser.parseIpv6(input, 0, input.length(), general);
      Recorder fast = new Recorder(answer);
      int fastParsed = IpLiteralParser.parsePlainIpv6(input, 0, input.length(), fast);
      if (PLAIN_IPV6.matcher(input).matches()) {
        assertThat(fastParsed).as(input).isNotEqualTo(IpLiteralParser.NOT_PLAIN);
      }
      if (fastParsed == IpLiteralParser.NOT_PLAIN) {
        assertThat(fast.calls).as(input).isEmpty();
      } else {
        plainTaken++;
        assertThat(fastParsed == 1).as(input).isEqualTo(generalParsed);
        assertThat(fast.calls).as(input).isEqualTo(general.calls).hasSize(1);
      }
    }
    // The generator must reach the fast path often enough for the comparison to mean something.
    assertThat(plainTaken).isGreaterThan(10_000);
  }

  @Test
  void acceptsOnlyAsciiHexDigitsInAGroupWhateverTheCharacter() {
    // Every char value, in the last group of each IPv6 form and the last part of a dotted quad: the
    // character tables cover Latin-1, so this also proves nothing at or above 128 reads as a digit.
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      char ch = (char) c;
      boolean hex = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
      assertThat(IpLiteralParser.isLiteral("2001:db8:0:0:0:0:0:1" + ch, 0, 21))
          .as("plain form, U+%04X", c).isEqualTo(hex);
      assertThat(IpLiteralParser.isLiteral("2001:db8::1" + ch, 0, 12))
          .as("compressed form, U+%04X", c).isEqualTo(hex);
      assertThat(IpLiteralParser.isLiteral("192.0.2." + ch, 0, 9))
          .as("dotted quad, U+%04X", c).isEqualTo(ch >= '0' && ch <= '9');
    }
  }

  @Test
  void returnsTheVisitorsAnswer() {
    assertThat(IpLiteralParser.parse("192.0.2.1", new Recorder(false))).isFalse();
    assertThat(IpLiteralParser.parse("2001:db8::1", new Recorder(false))).isFalse();
    assertThat(IpLiteralParser.parse("::ffff:192.0.2.1", new Recorder(true))).isTrue();
  }

  @Test
  void deliversAMappedAddressAsIpv4() {
    Recorder recorder = new Recorder(true);
    IpLiteralParser.parse("::ffff:c000:201", recorder);
    assertThat(recorder.calls).containsExactly("v4 192.0.2.1");
  }

  @Test
  void rejectsARegionOutsideTheText() {
    Recorder recorder = new Recorder(true);
    assertThatThrownBy(() -> IpLiteralParser.parse("1.2.3.4", 2, 8, recorder))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> IpLiteralParser.parse("1.2.3.4", 3, 2, recorder))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void rejectsAnEmptyRegion() {
    assertThat(IpLiteralParser.parse("1.2.3.4", 3, 3, new Recorder(true))).isFalse();
  }

  @Test
  void rejectsVeryLongInputsQuickly() {
    String longDigits = "1".repeat(1_000_000);
    String longGroups = "1:".repeat(500_000) + "1";
    String longDots = "1.".repeat(500_000) + "1";
    Recorder recorder = new Recorder(true);
    assertThat(IpLiteralParser.parse(longDigits, recorder)).isFalse();
    assertThat(IpLiteralParser.parse(longGroups, recorder)).isFalse();
    assertThat(IpLiteralParser.parse(longDots, recorder)).isFalse();
    assertThat(IpLiteralParser.parse("::" + longDigits, recorder)).isFalse();
    assertThat(recorder.calls).isEmpty();
  }
}
