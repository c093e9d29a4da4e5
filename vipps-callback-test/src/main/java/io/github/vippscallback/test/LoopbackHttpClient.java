package io.github.vippscallback.test;

import io.github.vippscallback.webhook.WebhookSigner;
import io.github.vippscallback.webhook.WebhookTarget;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A minimal HTTP/1.1 client over a plain {@link Socket} bound to a chosen loopback source address, so a
 * test can send requests <em>from</em> {@code 127.0.0.2}, {@code 127.0.0.9} or {@code ::1} and see how a
 * server treats each client address. The request target is sent verbatim, not normalised or encoded,
 * so tests can send {@code /vipps/..;/x}, {@code //x} or {@code %2e%2e}. One request per connection
 * ({@code Connection: close}); the response body is read by {@code Content-Length}, chunked, or to the
 * end of the stream.
 *
 * <pre>{@code
 * LoopbackHttpResponse response = LoopbackHttpClient.from("127.0.0.9")
 *     .get(port, "/vipps/callback", Map.of("X-Forwarded-For", "127.0.0.2"));
 * assertThat(response.status()).isEqualTo(403);
 *
 * LoopbackHttpClient.from("::1").request("POST", port, "/vipps/callback")
 *     .header("X-Forwarded-For", "203.0.113.7")
 *     .header("X-Forwarded-For", "127.0.0.2")   // a header may repeat
 *     .body("{}", "application/json")
 *     .send();
 *
 * LoopbackHttpClient.from("127.0.0.2").request("POST", port, "/vipps/webhook")
 *     .body(json, "application/json")
 *     .signedWith(webhookSecret)                // as Vipps signs it, for http://127.0.0.1:port/vipps/webhook
 *     .send();
 * }</pre>
 *
 * <p>The server is reached at the loopback address of the source's family ({@code 127.0.0.1} or
 * {@code ::1}) unless {@link #connectingTo} says otherwise. No name is ever looked up in DNS: addresses
 * must be literals. Immutable and thread-safe.
 */
public final class LoopbackHttpClient {

  /** The default connect and read timeout: 10 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final InetAddress source;
  private final InetAddress server;
  private final Duration timeout;

  private LoopbackHttpClient(InetAddress source, InetAddress server, Duration timeout) {
    this.source = source;
    this.server = server;
    this.timeout = timeout;
  }

  /**
   * A client whose connections come from {@code sourceAddress}, e.g. {@code "127.0.0.9"} or {@code "::1"}
   * (brackets allowed).
   *
   * @param sourceAddress the loopback address to bind connections to
   * @return a client connecting to {@code 127.0.0.1}, or to {@code ::1} from an IPv6 source
   * @throws IllegalArgumentException when it is not an IP address literal
   */
  public static LoopbackHttpClient from(String sourceAddress) {
    InetAddress source = literal(sourceAddress);
    InetAddress server = literal(source.getAddress().length == 4 ? "127.0.0.1" : "::1");
    return new LoopbackHttpClient(source, server, DEFAULT_TIMEOUT);
  }

  /**
   * This client, connecting to the server at {@code serverAddress} (an IP literal) instead.
   *
   * @param serverAddress the server's IP literal
   * @return a new client from the same source address
   */
  public LoopbackHttpClient connectingTo(String serverAddress) {
    return new LoopbackHttpClient(source, literal(serverAddress), timeout);
  }

  /**
   * This client with {@code timeout} for connecting and for each read.
   *
   * @param timeout the connect and read timeout
   * @return a new client with that timeout
   */
  public LoopbackHttpClient withTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout is " + timeout + "; valid: a positive duration");
    }
    return new LoopbackHttpClient(source, server, timeout);
  }

  /**
   * The source address connections are bound to.
   *
   * @return the source address
   */
  public InetAddress sourceAddress() {
    return source;
  }

  /**
   * Sends {@code GET target} to {@code port}.
   *
   * @param port the server's port
   * @param target the request target, e.g. {@code /actuator/health}
   * @return the response
   * @throws IOException when connecting, sending or reading fails
   */
  public LoopbackHttpResponse get(int port, String target) throws IOException {
    return request("GET", port, target).send();
  }

  /**
   * Sends {@code GET target} with these headers to {@code port}.
   *
   * @param port the server's port
   * @param target the request target, e.g. {@code /vipps/webhooks?x=1}
   * @param headers the headers to send, in iteration order
   * @return the response
   * @throws IOException when connecting, sending or reading fails
   */
  public LoopbackHttpResponse get(int port, String target, Map<String, String> headers) throws IOException {
    Request request = request("GET", port, target);
    headers.forEach(request::header);
    return request.send();
  }

  /**
   * Sends {@code POST target} with these headers and a UTF-8 body of {@code contentType} to {@code port}.
   *
   * @param port the server's port
   * @param target the request target, e.g. {@code /vipps/webhooks}
   * @param headers the headers to send, in iteration order
   * @param body the body, sent as UTF-8
   * @param contentType the body's {@code Content-Type}
   * @return the response
   * @throws IOException when connecting, sending or reading fails
   */
  public LoopbackHttpResponse post(
      int port, String target, Map<String, String> headers, String body, String contentType) throws IOException {
    Request request = request("POST", port, target);
    headers.forEach(request::header);
    return request.body(body, contentType).send();
  }

  /**
   * Starts a request of any method, for repeated headers or a raw body.
   *
   * @param method the request method, e.g. {@code PUT}
   * @param port the server's port
   * @param target the request target, e.g. {@code /vipps/webhooks}
   * @return a request to add headers and a body to, then send
   */
  public Request request(String method, int port, String target) {
    return new Request(method, port, target);
  }

  /**
   * One request being put together: add headers (a name may repeat) and a body, then {@link #send()}.
   * {@code Host}, {@code Connection: close} and {@code Content-Length} are added unless set.
   */
  public final class Request {

    private final String method;
    private final int port;
    private final String target;
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private @Nullable WebhookSigner signer;
    private @Nullable WebhookTarget publicUrl;

    private Request(String method, int port, String target) {
      this.method = requireToken(method, "method");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port is " + port + "; valid: 1 to 65535");
      }
      this.port = port;
      this.target = Objects.requireNonNull(target, "target");
    }

    /**
     * Adds a header line, sent verbatim (a test may put hostile characters in the value, but not CR or
     * LF, which would end the header).
     *
     * @param name the header name
     * @param value the header value
     * @return this request
     */
    public Request header(String name, String value) {
      if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("header " + name + " value contains CR or LF");
      }
      headers.add(new String[] {requireToken(name, "header name"), value});
      return this;
    }

    /**
     * Sets the body, sent as UTF-8 with this {@code Content-Type}.
     *
     * @param body the body, sent as UTF-8
     * @param contentType the body's {@code Content-Type}
     * @return this request
     */
    public Request body(String body, String contentType) {
      this.body = body.getBytes(StandardCharsets.UTF_8);
      return header("Content-Type", contentType);
    }

    /**
     * Sets a raw body, with no {@code Content-Type} unless added as a header.
     *
     * @param body the body's bytes, sent as they are
     * @return this request
     */
    public Request body(byte[] body) {
      this.body = body.clone();
      return this;
    }

    /**
     * Signs the request when it is sent, as Vipps signs a webhook {@code POST} with the secret it returned
     * when the webhook was registered: {@code x-ms-date} (now), {@code x-ms-content-sha256} of the body and
     * {@code Authorization}, for the URL {@code http://} + the {@code Host} header + the request target,
     * or {@linkplain #publicUrl(String) the public URL} + the target.
     *
     * @param webhookSecret the webhook's secret, as Vipps returned it
     * @return this request
     * @throws IllegalArgumentException when the secret is blank
     */
    public Request signedWith(String webhookSecret) {
      return signedWith(WebhookSigner.of(webhookSecret));
    }

    /**
     * Signs the request when it is sent with {@code signer}, e.g. one dated by a fixed clock ({@link
     * WebhookSigner#withClock}) to see a stale request refused; otherwise as {@link #signedWith(String)}.
     *
     * @param signer the signer to sign with
     * @return this request
     */
    public Request signedWith(WebhookSigner signer) {
      this.signer = Objects.requireNonNull(signer, "signer");
      return this;
    }

    /**
     * Signs for this public base URL instead of the {@code Host} header, as Vipps does when the application
     * is behind a proxy: set it to the application's configured public URL, e.g. {@code
     * https://shop.example.com}; the request target is appended to its path.
     *
     * @param publicUrl the application's public base URL
     * @return this request
     * @throws IllegalArgumentException unless an http(s) URL with a host and no query
     */
    public Request publicUrl(String publicUrl) {
      this.publicUrl = WebhookTarget.parsePublicUrl(publicUrl);
      return this;
    }

    /**
     * Connects from the source address, sends the request and reads the whole response.
     *
     * @return the response
     * @throws IOException when connecting, sending or reading fails
     */
    public LoopbackHttpResponse send() throws IOException {
      WebhookSigner signWith = signer;
      if (signWith != null) {
        sign(signWith);
      }
      int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
      try (Socket socket = new Socket()) {
        socket.setSoTimeout(millis);
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(new InetSocketAddress(server, port), millis);
        OutputStream out = socket.getOutputStream();
        out.write(head().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return read(socket.getInputStream(), method.equals("HEAD"));
      }
    }

    private void sign(WebhookSigner signer) {
      int query = target.indexOf('?');
      String path = query < 0 ? target : target.substring(0, query);
      @Nullable String rawQuery = query < 0 ? null : target.substring(query + 1);
      WebhookTarget base = publicUrl;
      WebhookTarget signed = base != null
          ? base.withRequestPath(path, rawQuery)
          : WebhookTarget.of(hostHeader(), target);
      // Only host and path-and-query are signed; "http://" just makes it a URL the signer's clock dates.
      signer.sign("http://" + signed.host() + signed.pathAndQuery(), body).asMap().forEach((name, value) -> {
        headers.removeIf(header -> header[0].equalsIgnoreCase(name));
        header(name, value);
      });
    }

    private String hostHeader() {
      for (String[] header : headers) {
        if (header[0].equalsIgnoreCase("Host")) {
          return header[1];
        }
      }
      String literal = server.isLoopbackAddress() && server.getAddress().length == 16 ? "::1" : server.getHostAddress();
      String host = server.getAddress().length == 4 ? literal : "[" + literal + "]";
      return host + ':' + port;
    }

    private String head() {
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      if (!has("Host")) {
        head.append("Host: ").append(hostHeader()).append("\r\n");
      }
      for (String[] header : headers) {
        head.append(header[0]).append(": ").append(header[1]).append("\r\n");
      }
      if (!has("Connection")) {
        head.append("Connection: close\r\n");
      }
      if (!has("Content-Length") && !has("Transfer-Encoding")
          && (body.length > 0 || method.equals("POST") || method.equals("PUT"))) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      return head.append("\r\n").toString();
    }

    private boolean has(String name) {
      return headers.stream().anyMatch(header -> header[0].equalsIgnoreCase(name));
    }
  }

  private static LoopbackHttpResponse read(InputStream in, boolean head) throws IOException {
    while (true) {
      String statusLine = line(in);
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException("not an HTTP status line: " + statusLine);
      }
      int status;
      try {
        status = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IOException("not an HTTP status line: " + statusLine, e);
      }
      Map<String, List<String>> headers = headers(in);
      if (status >= 100 && status < 200) {
        continue; // An interim response: the final one follows.
      }
      byte[] body;
      List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
      List<String> length = headers.getOrDefault("content-length", List.of());
      if (head || status == 204 || status == 304) {
        body = new byte[0];
      } else if (encoding.stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("chunked"))) {
        body = chunked(in);
      } else if (!length.isEmpty()) {
        body = in.readNBytes(Integer.parseInt(length.get(0).trim()));
      } else {
        body = in.readAllBytes();
      }
      return new LoopbackHttpResponse(status, headers, new String(body, StandardCharsets.UTF_8));
    }
  }

  private static Map<String, List<String>> headers(InputStream in) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("not an HTTP header line: " + line);
      }
      headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
          .add(line.substring(colon + 1).trim());
    }
    return headers;
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line(in);
      int extension = sizeLine.indexOf(';');
      int size;
      try {
        size = Integer.parseInt((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("not a chunk size: " + sizeLine, e);
      }
      if (size == 0) {
        headers(in); // trailers
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length < size) {
        throw new EOFException("the connection closed inside a chunk");
      }
      body.write(chunk);
      line(in); // the CRLF after the chunk
    }
  }

  /** Reads one line ending in CRLF (or LF), as ISO-8859-1, without the line end. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("the connection closed before the end of a line");
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  private static String requireToken(String value, String what) {
    if (value.isEmpty() || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
      throw new IllegalArgumentException(what + " '" + value + "' is not an HTTP token");
    }
    return value;
  }

  private static InetAddress literal(String address) {
    String bare = address.startsWith("[") && address.endsWith("]")
        ? address.substring(1, address.length() - 1)
        : address;
    try {
      if (bare.indexOf(':') >= 0) {
        // With a colon InetAddress parses an IPv6 literal and never asks DNS.
        if (!bare.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
          throw new IllegalArgumentException("'" + address + "' is not an IP address literal");
        }
        return InetAddress.getByName(bare);
      }
      String[] parts = bare.split("\\.", -1);
      if (parts.length != 4) {
        throw new IllegalArgumentException("'" + address + "' is not an IP address literal");
      }
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(c -> c >= '0' && c <= '9')) {
          throw new IllegalArgumentException("'" + address + "' is not an IP address literal");
        }
        int value = Integer.parseInt(parts[i]);
        if (value > 255) {
          throw new IllegalArgumentException("'" + address + "' is not an IP address literal");
        }
        bytes[i] = (byte) value;
      }
      return InetAddress.getByAddress(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("'" + address + "' is not an IP address literal", e);
    }
  }
}
