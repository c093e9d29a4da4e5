package io.github.vippscallback.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.webhook.WebhookSignatureVerifier;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An ASYNC dispatch continues a request checked on its first dispatch (e.g. a Spring MVC controller
 * returning a {@code Callable}, when the filter is mapped for ASYNC as Spring Security's chain is): it
 * passes unchecked, its body untouched; every other dispatch is checked.
 */
class VippsWebhookSignatureFilterDispatchTest {

  private final VippsWebhookSignatureFilter filter =
      VippsWebhookSignatureFilter.builder(WebhookSignatureVerifier.of("dispatch-secret")).build();

  /** A request of this dispatch type, with no signature headers and no body; records what is read. */
  private static HttpServletRequest request(DispatcherType type, List<String> calls) {
    return (HttpServletRequest) Proxy.newProxyInstance(
        VippsWebhookSignatureFilterDispatchTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class},
        (proxy, invoked, arguments) -> {
          calls.add(invoked.getName());
          return switch (invoked.getName()) {
            case "getDispatcherType" -> type;
            case "getContentLengthLong" -> 0L;
            case "getRequestURI" -> "/vipps/webhook";
            case "getMethod" -> "POST";
            case "getRemoteAddr" -> "127.0.0.1";
            case "getHeader" -> null;
            default -> throw new AssertionError("the filter should not call " + invoked.getName());
          };
        });
  }

  /** A response that records the status it was given and accepts the problem body. */
  private static HttpServletResponse response(List<Integer> statuses) {
    return (HttpServletResponse) Proxy.newProxyInstance(
        VippsWebhookSignatureFilterDispatchTest.class.getClassLoader(),
        new Class<?>[] {HttpServletResponse.class},
        (proxy, invoked, arguments) -> switch (invoked.getName()) {
          case "isCommitted" -> false;
          case "setStatus" -> {
            statuses.add((Integer) arguments[0]);
            yield null;
          }
          case "getOutputStream" -> new jakarta.servlet.ServletOutputStream() {
            @Override
            public boolean isReady() {
              return true;
            }

            @Override
            public void setWriteListener(jakarta.servlet.WriteListener listener) {}

            @Override
            public void write(int b) {}
          };
          default -> null;
        });
  }

  @Test
  void anAsyncDispatchPassesUncheckedAndUntouched() throws Exception {
    List<String> calls = new ArrayList<>();
    HttpServletRequest request = request(DispatcherType.ASYNC, calls);
    List<ServletRequest> passed = new ArrayList<>();

    filter.doFilter(request, response(new ArrayList<>()), (req, res) -> passed.add(req));

    assertThat(calls).containsExactly("getDispatcherType");
    assertThat(passed).hasSize(1);
    assertThat(passed.get(0) == request).as("the very request, not a wrapper").isTrue();
  }

  @Test
  void anUnsignedRequestDispatchIsRefused() throws Exception {
    List<Integer> statuses = new ArrayList<>();
    List<ServletRequest> passed = new ArrayList<>();

    filter.doFilter(request(DispatcherType.REQUEST, new ArrayList<>()), response(statuses),
        (req, res) -> passed.add(req));

    assertThat(passed).isEmpty();
    assertThat(statuses).containsExactly(401);
  }
}
