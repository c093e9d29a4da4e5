package io.github.vippscallback.guard;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request of no web stack, with only what the guard reads, and its {@link CallbackRequestView}: the
 * guard's tests need no servlet container. Header names are matched as given.
 */
record FakeRequest(@Nullable String peer, String method, String path, Map<String, List<String>> headers) {

  static final CallbackRequestView<FakeRequest> VIEW = new CallbackRequestView<>() {
    @Override
    public @Nullable String peerAddress(FakeRequest request) {
      return request.peer();
    }

    @Override
    public List<String> headerLines(FakeRequest request, String name) {
      return request.headers().getOrDefault(name, List.of());
    }

    @Override
    public @Nullable String header(FakeRequest request, String name) {
      List<String> lines = headerLines(request, name);
      return lines.isEmpty() ? null : lines.get(0);
    }

    @Override
    public String method(FakeRequest request) {
      return request.method();
    }

    @Override
    public String path(FakeRequest request) {
      return request.path();
    }

    @Override
    public @Nullable String rawQuery(FakeRequest request) {
      return null;
    }

    @Override
    public String scheme(FakeRequest request) {
      return "https";
    }

    @Override
    public String host(FakeRequest request) {
      return "shop.example.com";
    }

    @Override
    public int port(FakeRequest request) {
      return 443;
    }
  };

  static FakeRequest of(String method, String path, Map<String, List<String>> headers) {
    return new FakeRequest(null, method, path, headers);
  }
}
