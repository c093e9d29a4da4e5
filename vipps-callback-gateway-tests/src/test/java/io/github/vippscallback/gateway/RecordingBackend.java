package io.github.vippscallback.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The service behind the gateway, on 127.0.0.1: answers every request 200 with {@code backend <path>} and
 * records what it received (method, raw path, the {@code X-Forwarded-For} the gateway added).
 */
final class RecordingBackend implements AutoCloseable {

  /** One request as the backend received it. */
  record Received(String method, String rawPath, @Nullable String forwardedFor, @Nullable String forwarded) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private RecordingBackend(HttpServer server) {
    this.server = server;
  }

  static RecordingBackend start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
      RecordingBackend backend = new RecordingBackend(server);
      server.createContext("/", backend::handle);
      server.start();
      return backend;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getRawPath();
    received.add(new Received(exchange.getRequestMethod(), path,
        exchange.getRequestHeaders().getFirst("X-Forwarded-For"), exchange.getRequestHeaders().getFirst("Forwarded")));
    byte[] body = ("backend " + path).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The backend's base URI, for a route. */
  String uri() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** What it received since the last {@link #clear()}. */
  List<Received> received() {
    return List.copyOf(received);
  }

  void clear() {
    received.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
