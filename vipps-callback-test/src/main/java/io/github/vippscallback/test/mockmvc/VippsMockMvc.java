package io.github.vippscallback.test.mockmvc;

import io.github.vippscallback.address.IpAddress;
import io.github.vippscallback.webhook.WebhookSignatureHeaders;
import io.github.vippscallback.webhook.WebhookSigner;
import io.github.vippscallback.webhook.WebhookTarget;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Makes a MockMvc request look like it came from Vipps: from an allowed remote address and, for a
 * webhook, signed with the webhook secret exactly as Vipps signs it.
 *
 * <pre>{@code
 * mockMvc.perform(post("/vipps/webhook")
 *         .contentType(MediaType.APPLICATION_JSON)
 *         .content(json)
 *         .with(VippsMockMvc.fromVipps("203.0.113.7").signedWith(webhookSecret)))
 *     .andExpect(status().isOk());
 * }</pre>
 *
 * <p>Apply it last (after {@code content(...)}): it signs the body, path and query the request has at
 * that moment. The remote address must be one the application allows, e.g. listed in {@code
 * vipps.callback.additional-addresses} of the test's configuration. Without {@link
 * FromVipps#publicUrl(String)} the signed host is the request's server name and port ({@code
 * localhost} by default in MockMvc).
 */
public final class VippsMockMvc {

  private VippsMockMvc() {}

  /**
   * A request from {@code remoteAddress}, not yet signed.
   *
   * @param remoteAddress an IPv4 or IPv6 literal, e.g. {@code 203.0.113.7}
   * @return a request post-processor, to be signed or used as it is
   * @throws IllegalArgumentException when {@code remoteAddress} is not an IP literal
   */
  public static FromVipps fromVipps(String remoteAddress) {
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    IpAddress.parse(remoteAddress);
    return new FromVipps(remoteAddress, null, null, Clock.systemUTC());
  }

  /**
   * A {@link RequestPostProcessor} that sets the remote address and, when {@linkplain
   * #signedWith(String) given a secret}, adds {@code x-ms-date}, {@code x-ms-content-sha256} and
   * {@code Authorization} headers that sign the request as Vipps does. Immutable: each method returns a
   * new one.
   */
  public static final class FromVipps implements RequestPostProcessor {

    private final String remoteAddress;
    private final @Nullable WebhookSigner signer;
    private final @Nullable WebhookTarget publicUrl;
    private final Clock clock;

    private FromVipps(
        String remoteAddress, @Nullable WebhookSigner signer, @Nullable WebhookTarget publicUrl, Clock clock) {
      this.remoteAddress = remoteAddress;
      this.signer = signer;
      this.publicUrl = publicUrl;
      this.clock = clock;
    }

    /**
     * Signs the request with a webhook secret, as Vipps does with the secret it returned when the
     * webhook was registered.
     *
     * @param webhookSecret the webhook's secret, as Vipps returned it
     * @return this post-processor
     * @throws IllegalArgumentException when the secret is blank
     */
    public FromVipps signedWith(String webhookSecret) {
      return new FromVipps(remoteAddress, WebhookSigner.of(webhookSecret), publicUrl, clock);
    }

    /**
     * Signs for this public base URL instead of the request's own host, as Vipps does when the
     * application is behind a proxy: set it to the application's configured public URL, e.g. {@code
     * https://shop.example.com}; the request's path and query are appended to its path.
     *
     * @param publicUrl the application's public base URL
     * @return this post-processor
     * @throws IllegalArgumentException unless an http(s) URL with a host and no query
     */
    public FromVipps publicUrl(String publicUrl) {
      return new FromVipps(remoteAddress, signer, WebhookTarget.parsePublicUrl(publicUrl), clock);
    }

    /**
     * Dates the signature {@code date} instead of now, e.g. to test that a stale request is refused.
     *
     * @param date the signature's date
     * @return this post-processor
     */
    public FromVipps at(Instant date) {
      return new FromVipps(remoteAddress, signer, publicUrl, Clock.fixed(date, ZoneOffset.UTC));
    }

    @Override
    public MockHttpServletRequest postProcessRequest(MockHttpServletRequest request) {
      request.setRemoteAddr(remoteAddress);
      request.setRemoteHost(remoteAddress);
      if (signer == null) {
        return request;
      }
      byte[] content = request.getContentAsByteArray();
      byte[] body = content == null ? new byte[0] : content;
      String method = request.getMethod();
      WebhookSignatureHeaders headers =
          signer.sign(method == null ? "POST" : method, targetOf(request), body, clock.instant());
      headers.asMap().forEach((name, value) -> {
        request.removeHeader(name);
        request.addHeader(name, value);
      });
      return request;
    }

    private WebhookTarget targetOf(MockHttpServletRequest request) {
      String requestUri = request.getRequestURI();
      if (requestUri == null || requestUri.isEmpty()) {
        requestUri = "/";
      }
      if (publicUrl != null) {
        return publicUrl.withRequestPath(requestUri, request.getQueryString());
      }
      return WebhookTarget.fromRequest(
          request.getScheme(),
          request.getServerName(),
          request.getServerPort(),
          requestUri,
          request.getQueryString());
    }

    /** Leaves out the signer, which holds the secret. */
    @Override
    public String toString() {
      return "VippsMockMvc.fromVipps(" + remoteAddress + ")" + (signer == null ? "" : ".signedWith(...)")
          + (publicUrl == null ? "" : ".publicUrl(" + publicUrl + ")");
    }
  }
}
