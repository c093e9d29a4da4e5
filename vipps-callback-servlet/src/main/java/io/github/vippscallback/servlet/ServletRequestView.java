package io.github.vippscallback.servlet;

import io.github.vippscallback.address.PeerAddressText;
import io.github.vippscallback.guard.CallbackRequestView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads an {@link HttpServletRequest} for the checks: {@code getRemoteAddr()}, its headers, its URI. */
final class ServletRequestView implements CallbackRequestView<HttpServletRequest> {

  static final ServletRequestView INSTANCE = new ServletRequestView();

  private ServletRequestView() {}

  /**
   * {@code getRemoteAddr()}, with the brackets Jetty puts around an IPv6 peer taken off ({@link
   * PeerAddressText#unbracketed}); any other text as it is, for the guard to refuse.
   */
  @Override
  public String peerAddress(HttpServletRequest request) {
    return PeerAddressText.unbracketed(request.getRemoteAddr());
  }

  /** The header's lines; one line (the usual case behind one proxy) costs one small immutable list. */
  @Override
  public List<String> headerLines(HttpServletRequest request, String name) {
    Enumeration<String> headers = request.getHeaders(name);
    if (headers == null || !headers.hasMoreElements()) {
      return List.of();
    }
    String first = headers.nextElement();
    if (!headers.hasMoreElements()) {
      return List.of(first);
    }
    List<String> lines = new ArrayList<>();
    lines.add(first);
    while (headers.hasMoreElements()) {
      lines.add(headers.nextElement());
    }
    return lines;
  }

  @Override
  public @Nullable String header(HttpServletRequest request, String name) {
    return request.getHeader(name);
  }

  @Override
  public String method(HttpServletRequest request) {
    return request.getMethod();
  }

  @Override
  public String path(HttpServletRequest request) {
    return request.getRequestURI();
  }

  @Override
  public @Nullable String rawQuery(HttpServletRequest request) {
    return request.getQueryString();
  }

  @Override
  public String scheme(HttpServletRequest request) {
    return request.getScheme();
  }

  @Override
  public String host(HttpServletRequest request) {
    return request.getServerName();
  }

  @Override
  public int port(HttpServletRequest request) {
    return request.getServerPort();
  }
}
