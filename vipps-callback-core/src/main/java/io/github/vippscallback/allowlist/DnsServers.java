package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.IpAddress;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * Parses DNS server settings: {@code ip}, {@code ip:port}, {@code v6}, {@code [v6]} or
 * {@code [v6]:port}. Only IP address literals are accepted, so configuring the resolver never needs a
 * resolver. The port defaults to 53.
 */
final class DnsServers {

  static final int DEFAULT_PORT = 53;
  private static final String SETTING = "dns-servers";
  private static final String FORMS = "ip, ip:port or [v6]:port (e.g. 10.0.0.53, 10.0.0.53:5353, [2001:db8::53]:53)";

  private DnsServers() {}

  /**
   * The socket address a setting names, without any lookup.
   *
   * @throws IllegalArgumentException naming the bad entry
   */
  static InetSocketAddress parse(@Nullable String value) {
    if (value == null) {
      throw new IllegalArgumentException(SETTING + " must not contain null");
    }
    String text = value.strip();
    String host;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw bad(value, "no closing ']'");
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw bad(value, "unexpected text after ']'");
        }
        port = rest.substring(1);
      }
    } else {
      int colon = text.indexOf(':');
      if (colon >= 0 && colon == text.lastIndexOf(':')) {
        host = text.substring(0, colon);
        port = text.substring(colon + 1);
      } else {
        host = text; // no colon, or a bare IPv6 literal
      }
    }
    @Nullable IpAddress address = IpAddress.tryParse(host);
    if (address == null) {
      throw bad(value, "'" + host + "' is not an IP address literal");
    }
    if (text.startsWith("[") && address.isIpv4() && host.indexOf(':') < 0) {
      throw bad(value, "brackets are for IPv6 addresses");
    }
    return new InetSocketAddress(address.toInetAddress(), port == null ? DEFAULT_PORT : port(value, port));
  }

  private static int port(String value, String port) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw bad(value, "port '" + port + "' is not a number 1..65535");
    }
    int number = Integer.parseInt(port);
    if (number < 1 || number > 65535) {
      throw bad(value, "port '" + port + "' is not a number 1..65535");
    }
    return number;
  }

  private static IllegalArgumentException bad(String value, String why) {
    return new IllegalArgumentException(
        "dns server '" + value + "' is not " + FORMS + ": " + why);
  }
}
