package io.github.vippscallback.samples.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merchant's own callback endpoint: it knows nothing of addresses, because
 * {@link io.github.vippscallback.servlet.VippsCallbackFilter} in front of it lets only Vipps' request
 * servers through. It reads the callback (at most {@link #MAX_BODY_BYTES}) and answers 200, which tells
 * Vipps not to send it again. A real application would parse and act on the JSON here.
 */
public final class PaymentCallbackServlet extends HttpServlet {

  /** The largest callback body read; a larger one is answered 413. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(PaymentCallbackServlet.class);

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    log.info("Callback from {} on {}: {} bytes", request.getRemoteAddr(), request.getRequestURI(), body.length);
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"received\":" + body.length + "}");
  }
}
