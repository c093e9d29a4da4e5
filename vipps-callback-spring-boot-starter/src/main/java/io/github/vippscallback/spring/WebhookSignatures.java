package io.github.vippscallback.spring;

import io.github.vippscallback.webhook.WebhookSignatureVerifier;
import io.github.vippscallback.servlet.EnforcementMode;
import io.github.vippscallback.servlet.WebhookSignatureCheck;
import io.github.vippscallback.servlet.WebhookSignatureObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.http.server.PathContainer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The Vipps webhook signature check of the guarded endpoints that take one, applied after the address
 * check by either web stack: {@link ServletWebhookSignatures} on servlets (in the starter's {@code
 * SecurityFilterChain} after its authorization, or in its servlet filter after the guard), {@code
 * ReactiveWebhookSignatures} on WebFlux. A request for an endpoint that takes no signature passes on
 * untouched. Free of servlet types, so a WebFlux application loads it without the Servlet API.
 *
 * <p>Which endpoints take a signature, and with which secret, is decided once the endpoints are
 * discovered (when every singleton exists): an endpoint marked {@link VippsCallback.Signature#NONE}
 * never; otherwise the first {@code vipps.callback.webhook.secrets} entry whose path pattern matches the
 * endpoint's pattern gives the secret, else {@code vipps.callback.webhook.secret}; an endpoint with none
 * takes no signature when {@link VippsCallback.Signature#AUTO}, and stops the start-up when {@link
 * VippsCallback.Signature#REQUIRED}. So does a {@code secrets} entry that applies to no endpoint (a typo
 * would otherwise leave a webhook unsigned). Secrets are never logged nor put in a message.
 */
final class WebhookSignatures implements SmartInitializingSingleton {

  static final String MODE = VippsCallbackProperties.PREFIX + ".mode";
  static final String SECRET = VippsCallbackProperties.PREFIX + ".webhook.secret";
  static final String SECRETS = VippsCallbackProperties.PREFIX + ".webhook.secrets";
  static final String PUBLIC_URL = VippsCallbackProperties.PREFIX + ".webhook.public-url";
  static final String MAX_BODY_SIZE = VippsCallbackProperties.PREFIX + ".webhook.max-body-size";
  static final String DATE_WINDOW = VippsCallbackProperties.PREFIX + ".webhook.date-window";

  static final String SECRET_VALID = "the secret Vipps returned when the webhook was registered, in " + SECRET
      + ", or in " + SECRETS + "[<path pattern of the endpoint>]";

  private static final Logger LOG = LoggerFactory.getLogger(VippsCallbackAutoConfiguration.class);
  private static final PathPatternParser PARSER = new PathPatternParser();

  private final Supplier<List<CallbackEndpoint>> endpoints;
  private final Supplier<String> servletPathPrefix;
  private final @Nullable String secret;
  private final Map<String, String> secrets;
  private final @Nullable String publicUrl;
  private final int maxBodySize;
  private final Duration dateWindow;
  private final WebhookSignatureObserver observer;
  private final EnforcementMode mode;
  private volatile @Nullable List<Group> groups;

  /**
   * Checks the webhook properties at once (a blank secret, a bad path pattern, public URL, size or
   * window stops the start-up); which endpoint takes which secret is decided later, by {@link #groups()}.
   */
  WebhookSignatures(
      Supplier<List<CallbackEndpoint>> endpoints,
      Supplier<String> servletPathPrefix,
      VippsCallbackProperties.Webhook webhook,
      WebhookSignatureObserver observer,
      EnforcementMode mode) {
    this(endpoints, servletPathPrefix, webhook, observer, mode, TypedValues.BOUND);
  }

  /** As above; a bad size or window is shown as {@code typed}. */
  WebhookSignatures(
      Supplier<List<CallbackEndpoint>> endpoints,
      Supplier<String> servletPathPrefix,
      VippsCallbackProperties.Webhook webhook,
      WebhookSignatureObserver observer,
      EnforcementMode mode,
      TypedValues typed) {
    this.endpoints = endpoints;
    this.servletPathPrefix = servletPathPrefix;
    this.observer = observer;
    this.mode = mode;
    this.secret = checkSecret(SECRET, webhook.getSecret());
    Map<String, String> checked = new LinkedHashMap<>();
    webhook.getSecrets().forEach((pattern, value) -> {
      checkPattern(pattern);
      checked.put(pattern, checkSecret(SECRETS + "[" + pattern + "]", value));
    });
    this.secrets = checked;
    this.dateWindow = checkDateWindow(webhook.getDateWindow(), typed);
    this.maxBodySize = checkMaxBodySize(webhook.getMaxBodySize(), typed);
    this.publicUrl = checkPublicUrl(webhook.getPublicUrl());
  }

  /** The mode of {@code vipps.callback.mode}. */
  static EnforcementMode mode(VippsCallbackProperties properties) {
    String value = properties.getMode();
    try {
      return EnforcementMode.parse(value == null ? "" : value);
    } catch (IllegalArgumentException e) {
      throw new VippsCallbackConfigurationException(MODE, value, "not a mode", "enforce, report-only", e);
    }
  }

  /** Decides at start-up which endpoints take which secret, and says so. */
  @Override
  public void afterSingletonsInstantiated() {
    List<Group> resolved = groups();
    if (!resolved.isEmpty()) {
      StringBuilder line = new StringBuilder();
      for (Group group : resolved) {
        line.append(line.length() == 0 ? "" : "; ").append(group.endpoints)
            .append(" with the secret of ").append(group.secretProperty);
      }
      LOG.info("Vipps webhooks: a valid signature is required, after the address check, on {}{}", line,
          publicUrl == null ? "" : "; signed URL under " + publicUrl);
    } else if (secret != null) {
      LOG.warn("Vipps webhooks: {} is set, but no guarded endpoint takes a signature (all are marked"
          + " @VippsCallback(signature = NONE), or none is guarded): the secret is not used", SECRET);
    }
    if (!mode.enforces()) {
      LOG.warn("Vipps callbacks: {}=report-only: requests refused by the address check or the webhook"
          + " signature are logged and counted, but let through. Set {}=enforce once the logs show no wrong"
          + " refusals.", MODE, MODE);
    }
  }

  /** The endpoints that take a signature, grouped by the secret that applies; decided once. */
  List<Group> groups() {
    List<Group> current = groups;
    if (current == null) {
      synchronized (this) {
        current = groups;
        if (current == null) {
          current = resolve();
          groups = current;
        }
      }
    }
    return current;
  }

  private List<Group> resolve() {
    String prefix = servletPathPrefix.get();
    Map<String, PathPattern> patterns = new LinkedHashMap<>();
    for (String pattern : secrets.keySet()) {
      patterns.put(pattern, PARSER.parse(prefix.isEmpty() ? pattern : prefix + pattern));
    }
    List<CallbackEndpoint> all = endpoints.get();
    Map<String, List<CallbackEndpoint>> bySecret = new LinkedHashMap<>();
    Map<String, String> secretOf = new LinkedHashMap<>();
    for (CallbackEndpoint endpoint : all) {
      if (endpoint.signature() == VippsCallback.Signature.NONE) {
        continue;
      }
      String property = secretPropertyOf(endpoint, patterns);
      String key = property == null ? null : property.equals(SECRET) ? secret : secrets.get(patternOf(property));
      if (property == null || key == null) {
        if (endpoint.signature() == VippsCallback.Signature.REQUIRED) {
          throw new VippsCallbackConfigurationException(SECRET, null, "the endpoint " + endpoint
              + " requires a webhook signature (@VippsCallback(signature = REQUIRED)), but no webhook secret"
              + " applies to it", SECRET_VALID, null);
        }
        continue;
      }
      bySecret.computeIfAbsent(property, unused -> new ArrayList<>()).add(endpoint);
      secretOf.put(property, key);
    }
    for (String pattern : secrets.keySet()) {
      if (!bySecret.containsKey(SECRETS + "[" + pattern + "]")) {
        throw new VippsCallbackConfigurationException(SECRETS, pattern, "this path pattern matches no guarded"
            + " endpoint that takes a signature, so its secret would never be used (guarded: " + all + ")",
            "path patterns of @VippsCallback endpoints not marked signature = NONE, relative to"
                + " spring.mvc.servlet.path, e.g. /vipps/webhooks/**", null);
      }
    }
    List<Group> resolved = new ArrayList<>();
    bySecret.forEach((property, grouped) ->
        resolved.add(new Group(property, List.copyOf(grouped), check(secretOf.get(property)))));
    return List.copyOf(resolved);
  }

  /** Where the endpoint's secret comes from: the first matching path pattern, else the single secret. */
  private @Nullable String secretPropertyOf(CallbackEndpoint endpoint, Map<String, PathPattern> patterns) {
    PathContainer path = PathContainer.parsePath(endpoint.pattern());
    for (Map.Entry<String, PathPattern> entry : patterns.entrySet()) {
      if (entry.getValue().matches(path)) {
        return SECRETS + "[" + entry.getKey() + "]";
      }
    }
    return secret != null ? SECRET : null;
  }

  /** The path pattern in {@code vipps.callback.webhook.secrets[<pattern>]}. */
  private static String patternOf(String property) {
    return property.substring(SECRETS.length() + 1, property.length() - 1);
  }

  private WebhookSignatureCheck check(@Nullable String key) {
    if (key == null) {
      throw new IllegalStateException("a group without a secret"); // cannot happen: resolve() skips them
    }
    WebhookSignatureCheck.Builder builder = WebhookSignatureCheck
        .builder(WebhookSignatureVerifier.builder(key).dateWindow(dateWindow).build())
        .maxBodySize(maxBodySize)
        .observer(observer)
        .mode(mode);
    if (publicUrl != null) {
      builder.publicUrl(publicUrl);
    }
    return builder.build();
  }

  /** A blank secret stops the start-up; its value is never shown. */
  private static @Nullable String checkSecret(String property, @Nullable String value) {
    if (value != null && value.isBlank()) {
      throw new VippsCallbackConfigurationException(property, "", "a webhook secret must not be blank",
          SECRET_VALID, null);
    }
    return value;
  }

  private static void checkPattern(String pattern) {
    String valid = "path patterns starting with '/', relative to spring.mvc.servlet.path, e.g. /vipps/webhooks/**";
    if (!pattern.startsWith("/")) {
      throw new VippsCallbackConfigurationException(SECRETS, pattern,
          "a path pattern must start with '/' (in a properties file write " + SECRETS + "[/path/**]=...)", valid,
          null);
    }
    try {
      PARSER.parse(pattern);
    } catch (RuntimeException e) {
      throw new VippsCallbackConfigurationException(SECRETS, pattern, String.valueOf(e.getMessage()), valid, e);
    }
  }

  private static Duration checkDateWindow(Duration window, TypedValues typed) {
    try {
      WebhookSignatureVerifier.builder("check").dateWindow(window);
      return window;
    } catch (IllegalArgumentException e) {
      throw new VippsCallbackConfigurationException(DATE_WINDOW, typed.of(DATE_WINDOW, window),
          DATE_WINDOW + " must be from 1s to 1h", "a duration from 1s to 1h, e.g. 5m", e);
    }
  }

  private static int checkMaxBodySize(DataSize size, TypedValues typed) {
    long bytes = size.toBytes();
    if (bytes < 1 || bytes > WebhookSignatureCheck.MAX_MAX_BODY_SIZE) {
      throw new VippsCallbackConfigurationException(MAX_BODY_SIZE, typed.of(MAX_BODY_SIZE, size), "out of range",
          "a size from 1B to 10MB, e.g. 64KB", null);
    }
    return (int) bytes;
  }

  private static @Nullable String checkPublicUrl(@Nullable String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      WebhookSignatureCheck.builder(WebhookSignatureVerifier.of("check")).publicUrl(url);
      return url;
    } catch (IllegalArgumentException e) {
      throw new VippsCallbackConfigurationException(PUBLIC_URL, url, String.valueOf(e.getMessage()),
          "an http(s) URL without query, e.g. https://shop.example.com", e);
    }
  }

  /**
   * Endpoints that take the same secret, and their signature check (for either web stack).
   *
   * @param secretProperty where the secret came from, e.g. {@code vipps.callback.webhook.secret}
   */
  record Group(String secretProperty, List<CallbackEndpoint> endpoints, WebhookSignatureCheck check) {}
}
