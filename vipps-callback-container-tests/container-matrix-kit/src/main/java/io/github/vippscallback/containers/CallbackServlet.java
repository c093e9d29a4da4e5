package io.github.vippscallback.containers;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The merchant's callback endpoint behind the filters: reads the whole body and answers 200, telling in
 * {@value #REMOTE_ADDR_HEADER} what the container's {@code getRemoteAddr()} gave (for the printed matrix).
 */
public final class CallbackServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** The body of every answer this servlet gives. */
  public static final String BODY = "callback received";
  /** The response header with the request's {@code getRemoteAddr()}. */
  public static final String REMOTE_ADDR_HEADER = "X-Remote-Addr";

  /** For the containers, which make it by class name. */
  public CallbackServlet() {}

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    request.getInputStream().readAllBytes();
    response.setStatus(200);
    response.setContentType("text/plain");
    response.setHeader(REMOTE_ADDR_HEADER, request.getRemoteAddr());
    response.getOutputStream().write(BODY.getBytes(StandardCharsets.US_ASCII));
  }
}
