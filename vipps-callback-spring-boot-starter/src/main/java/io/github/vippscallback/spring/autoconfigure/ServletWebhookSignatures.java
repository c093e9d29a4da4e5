package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.servlet.VippsWebhookSignatureFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@link WebhookSignatures} applied on servlets: each group's endpoints matched with {@link
 * VippsCallbackEndpoints} and checked by a {@link VippsWebhookSignatureFilter} sharing the group's check.
 */
final class ServletWebhookSignatures {

  private final WebhookSignatures signatures;
  private volatile @Nullable List<ServletGroup> groups;

  ServletWebhookSignatures(WebhookSignatures signatures) {
    this.signatures = signatures;
  }

  /**
   * Checks the signature of a request for an endpoint that takes one, passing it on (with its body) when
   * valid or in report-only mode, answering 401 or 413 otherwise; any other request passes on untouched.
   */
  void apply(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    List<ServletGroup> current = groups();
    for (int i = 0; i < current.size(); i++) {
      ServletGroup group = current.get(i);
      if (group.endpoints.matches(request)) {
        group.filter.doFilter(request, response, chain);
        return;
      }
    }
    chain.doFilter(request, response);
  }

  /** This check as a servlet filter, for a {@code SecurityFilterChain}. Not a bean: never registered alone. */
  Filter asFilter() {
    return new WebhookSignatureCheckFilter();
  }

  /** A named class, so that Spring Security's descriptions of the chain say what it is. */
  private final class WebhookSignatureCheckFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse) {
        apply(http, httpResponse, chain);
      } else {
        chain.doFilter(request, response);
      }
    }

    @Override
    public String toString() {
      return "WebhookSignatureCheckFilter";
    }
  }

  /** The servlet side of {@link WebhookSignatures#groups()}: each group's matcher and filter, made once. */
  private List<ServletGroup> groups() {
    List<ServletGroup> current = groups;
    if (current == null) {
      synchronized (this) {
        current = groups;
        if (current == null) {
          List<ServletGroup> made = new ArrayList<>();
          for (WebhookSignatures.Group group : signatures.groups()) {
            VippsCallbackEndpoints matcher = VippsCallbackEndpoints.of(group.endpoints());
            matcher.endpoints(); // compiles the patterns now
            made.add(new ServletGroup(matcher, VippsWebhookSignatureFilter.of(group.check())));
          }
          current = List.copyOf(made);
          groups = current;
        }
      }
    }
    return current;
  }

  /** A group as the servlet side applies it: its request matcher and servlet filter. */
  private record ServletGroup(VippsCallbackEndpoints endpoints, VippsWebhookSignatureFilter filter) {}
}
