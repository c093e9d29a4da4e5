package io.github.vippscallback.containers;

import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import io.github.vippscallback.webhook.WebhookSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The expected-answers table every container answers, one row per check. The Vipps request server
 * resolves to 127.0.0.2 (A) and ::1 (AAAA); 127.0.0.9 is a stranger; 127.0.0.5 and ::1 are the trusted
 * proxies (::1 is both: the only IPv6 loopback address). A check is one request from a real source address.
 */
public enum Check {

  /** The first request after start-up, once DNS has answered: the guard started with the application. */
  FIRST_CALLBACK("first callback after start", 200) {
    @Override
    LoopbackHttpResponse send(Target target) throws IOException {
      return target.post(VIPPS_V4, CALLBACK);
    }
  },
  IPV4_VIPPS("IPv4 Vipps peer", 200) {
    @Override
    LoopbackHttpResponse send(Target target) throws IOException {
      return target.post(VIPPS_V4, CALLBACK);
    }
  },
  IPV6_VIPPS("IPv6 Vipps peer", 200) {
    @Override
    LoopbackHttpResponse send(Target target) throws IOException {
      return target.post(VIPPS_V6, CALLBACK);
    }
  },
  STRANGER("stranger", 403) {
    @Override
    LoopbackHttpResponse send(Target target) throws IOException {
      return target.post(STRANGER_V4, CALLBACK);
    }
  },
  IPV4_PROXY_VIPPS("IPv4 proxy, Vipps", 200) {
    @Override
    LoopbackHttpResponse send(Target target) throws IOException {
      return target.post(PROXY_V4, CALLBACK, VIPPS_V4);
    }
  },
  IPV4_PROXY_STRANGER("IPv4 proxy, stranger", 403) {
    @Override
    LoopbackHttpResponse send(Target target) throws IOException {
      return target.post(PROXY_V4, CALLBACK, STRANGER_V4);
    }
  },
  IPV6_PROXY_VIPPS("IPv6 proxy, Vipps", 200) {
    @Override
    LoopbackHttpResponse send(Target target) throws IOException {
      return target.post(PROXY_V6, CALLBACK, VIPPS_V4);
    }
  },
  IPV6_PROXY_STRANGER("IPv6 proxy, stranger", 403) {
    @Override
    LoopbackHttpResponse send(Target target) throws IOException {
      return target.post(PROXY_V6, CALLBACK, STRANGER_V4);
    }
  },
  /** A stranger claims, through a header, to be forwarding for Vipps: not a trusted proxy, so ignored. */
  UNTRUSTED_HEADER("untrusted peer's header", 403) {
    @Override
    LoopbackHttpResponse send(Target target) throws IOException {
      return target.post(STRANGER_V4, CALLBACK, VIPPS_V4);
    }
  },
  WEBHOOK_SIGNED("signed webhook", 200) {
    @Override
    LoopbackHttpResponse send(Target target) throws IOException {
      return target.client(VIPPS_V4).request("POST", target.ipv4Port(), WEBHOOK)
          .body(WEBHOOK_BODY, "application/json").signedWith(WEBHOOK_SECRET).send();
    }
  },
  WEBHOOK_TAMPERED("tampered webhook", 401) {
    @Override
    LoopbackHttpResponse send(Target target) throws IOException {
      LoopbackHttpClient.Request request = target.client(VIPPS_V4).request("POST", target.ipv4Port(), WEBHOOK)
          .body(WEBHOOK_BODY.replace("1000", "9000"), "application/json");
      String url = "http://127.0.0.1:" + target.ipv4Port() + WEBHOOK;
      WebhookSigner.of(WEBHOOK_SECRET).sign(url, WEBHOOK_BODY.getBytes(StandardCharsets.UTF_8)).asMap()
          .forEach(request::header);
      return request.send();
    }
  };

  /** The Vipps request server's host name in the test environment, answered by the loopback DNS. */
  public static final String VIPPS_HOST = "callback-mt-1.vipps.no";
  public static final String VIPPS_V4 = "127.0.0.2";
  public static final String VIPPS_V6 = "::1";
  public static final String STRANGER_V4 = "127.0.0.9";
  public static final String PROXY_V4 = "127.0.0.5";
  public static final String PROXY_V6 = "::1";
  /** The trusted proxies, as the init-parameter reads them. */
  public static final String TRUSTED_PROXIES = PROXY_V4 + ", " + PROXY_V6;
  public static final String CALLBACK = "/vipps/callback";
  public static final String WEBHOOK = "/vipps/webhook";
  public static final String WEBHOOK_SECRET = "container-matrix-webhook-secret-0123456789";
  static final String WEBHOOK_BODY = "{\"orderId\":\"matrix-1\",\"amount\":1000}";

  private final String column;
  private final int expectedStatus;

  Check(String column, int expectedStatus) {
    this.column = column;
    this.expectedStatus = expectedStatus;
  }

  /** The column heading in the printed matrix. */
  public String column() {
    return column;
  }

  /** The status every container must answer. */
  public int expectedStatus() {
    return expectedStatus;
  }

  /** The heading of the printed matrix, in Markdown. */
  public static String header() {
    StringBuilder heading = new StringBuilder("| container | configured by | getRemoteAddr(), IPv6 peer |");
    StringBuilder rule = new StringBuilder("|---|---|---|");
    for (Check check : values()) {
      heading.append(' ').append(check.column()).append(" |");
      rule.append("---|");
    }
    return heading + System.lineSeparator() + rule;
  }

  /** Sends this check's request. */
  abstract LoopbackHttpResponse send(Target target) throws IOException;

  /** Where the requests go: the running container's two ports. */
  record Target(int ipv4Port, int ipv6Port) {

    LoopbackHttpClient client(String source) {
      return LoopbackHttpClient.from(source);
    }

    LoopbackHttpResponse post(String source, String path) throws IOException {
      return post(source, path, null);
    }

    /** A POST from {@code source} to the container's address of the same family. */
    LoopbackHttpResponse post(String source, String path, @Nullable String forwardedFor) throws IOException {
      boolean ipv6 = source.indexOf(':') >= 0;
      LoopbackHttpClient.Request request = client(source).request("POST", ipv6 ? ipv6Port : ipv4Port, path)
          .body("{\"orderId\":\"matrix-1\"}", "application/json");
      if (forwardedFor != null) {
        request.header("X-Forwarded-For", forwardedFor);
      }
      return request.send();
    }
  }
}
