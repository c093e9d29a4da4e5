package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.guard.EnforcementMode;
import io.github.vippscallback.guard.WebhookSignatureCheck;
import io.github.vippscallback.spring.VippsCallback;
import io.github.vippscallback.spring.reactive.ReactiveWebhookSignatures;
import io.github.vippscallback.webhook.WebhookSecret;
import io.github.vippscallback.webhook.WebhookSignatureVerifier;
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
 * endpoint's pattern gives the secrets, else {@code vipps.callback.webhook.secret}. Each takes one or
 * more secrets separated by commas, optionally labelled ({@code old:<secret>,new:<secret>}): a request
 * signed with any one of them passes, and which one is told to the {@link
 * io.github.vippscallback.guard.CallbackObserver}s (the metrics tag it). An endpoint with none
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

  static final String SECRET_VALID = "the secret Vipps returned when the webhook was registered, or several"
      + " separated by commas, each optionally labelled (old:<secret>,new:<secret>), in " + SECRET
      + ", or in " + SECRETS + "[<path pattern of the endpoint>]";

  private static final Logger LOG = LoggerFactory.getLogger(VippsCallbackAutoConfiguration.class);
  private static final PathPatternParser PARSER = new PathPatternParser();

  private final Supplier<List<CallbackEndpoint>> endpoints;
  private final Supplier<String> servletPathPrefix;
  private final @Nullable List<WebhookSecret> secret;
  private final Map<String, List<WebhookSecret>> secrets;
  private final @Nullable String publicUrl;
  private final int maxBodySize;
  private final Duration dateWindow;
  private final CallbackObserver observer;
  private final EnforcementMode mode;
  private final boolean behindTrustedProxy;
  private volatile @Nullable List<Group> groups;

  /**
   * Checks the webhook properties at once (a blank secret, a bad path pattern, public URL, size or
   * window stops the start-up); which endpoint takes which secret is decided later, by {@link #groups()}.
   */
  WebhookSignatures(
      Supplier<List<CallbackEndpoint>> endpoints,
      Supplier<String> servletPathPrefix,
      VippsCallbackProperties.Webhook webhook,
      CallbackObserver observer,
      EnforcementMode mode,
      boolean behindTrustedProxy) {
    this(endpoints, servletPathPrefix, webhook, observer, mode, behindTrustedProxy, TypedValues.BOUND);
  }

  /** As above; a bad size or window is shown as {@code typed}. */
  WebhookSignatures(
      Supplier<List<CallbackEndpoint>> endpoints,
      Supplier<String> servletPathPrefix,
      VippsCallbackProperties.Webhook webhook,
      CallbackObserver observer,
      EnforcementMode mode,
      boolean behindTrustedProxy,
      TypedValues typed) {
    this.endpoints = endpoints;
    this.servletPathPrefix = servletPathPrefix;
    this.observer = observer;
    this.mode = mode;
    this.behindTrustedProxy = behindTrustedProxy;
    this.secret = checkSecret(SECRET, webhook.getSecret());
    Map<String, List<WebhookSecret>> checked = new LinkedHashMap<>();
    webhook.getSecrets().forEach((pattern, value) -> {
      checkPattern(pattern);
      List<WebhookSecret> parsed = checkSecret(SECRETS + "[" + pattern + "]", value);
      if (parsed != null) {
        checked.put(pattern, parsed);
      }
    });
    this.secrets = checked;
    this.dateWindow = checkDateWindow(webhook.getDateWindow(), typed);
    this.maxBodySize = checkMaxBodySize(webhook.getMaxBodySize(), typed);
    this.publicUrl = checkPublicUrl(webhook.getPublicUrl());
  }

  /** Decides at start-up which endpoints take which secret, and says so. */
  @Override
  public void afterSingletonsInstantiated() {
    List<Group> resolved = groups();
    if (!resolved.isEmpty()) {
      StringBuilder line = new StringBuilder();
      for (Group group : resolved) {
        line.append(line.length() == 0 ? "" : "; ").append(group.endpoints)
            .append(" with ").append(describe(group.secrets)).append(" of ").append(group.secretProperty);
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

  /** The groups of {@code signatures}; none when there is no signature check. */
  static List<Group> groupsOf(@Nullable WebhookSignatures signatures) {
    return signatures == null ? List.of() : signatures.groups();
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
    Map<String, List<WebhookSecret>> secretOf = new LinkedHashMap<>();
    for (CallbackEndpoint endpoint : all) {
      if (endpoint.signature() == VippsCallback.Signature.NONE) {
        continue;
      }
      String property = secretPropertyOf(endpoint, patterns);
      List<WebhookSecret> key =
          property == null ? null : property.equals(SECRET) ? secret : secrets.get(patternOf(property));
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
    bySecret.forEach((property, grouped) -> {
      List<WebhookSecret> keys = secretOf.get(property);
      resolved.add(new Group(property, List.copyOf(grouped), keys == null ? List.of() : keys, check(property, keys)));
    });
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

  private WebhookSignatureCheck check(String property, @Nullable List<WebhookSecret> keys) {
    if (keys == null) {
      throw new IllegalStateException("a group without a secret"); // cannot happen: resolve() skips them
    }
    WebhookSignatureCheck.Builder builder = WebhookSignatureCheck
        .builder(WebhookSignatureVerifier.builder(keys).name(property).dateWindow(dateWindow).build())
        .maxBodySize(maxBodySize)
        .observer(observer)
        .mode(mode)
        .publicUrlSetting(PUBLIC_URL)
        .behindTrustedProxy(behindTrustedProxy);
    if (publicUrl != null) {
      builder.publicUrl(publicUrl);
    }
    return builder.build();
  }

  /** "2 secrets (old, #2)": how many, and their labels or positions; never a secret. */
  static String describe(List<WebhookSecret> secrets) {
    if (secrets.size() == 1) {
      String label = secrets.get(0).label();
      return label == null ? "the secret" : "the secret '" + label + "'";
    }
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < secrets.size(); i++) {
      String label = secrets.get(i).label();
      names.append(i == 0 ? "" : ", ").append(label == null ? "#" + (i + 1) : label);
    }
    return "any of " + secrets.size() + " secrets (" + names + ")";
  }

  /**
   * One or more secrets, comma-separated and optionally labelled; a blank one, an empty entry, a bad
   * label or a repeated secret stops the start-up. A secret's value is never shown.
   */
  private static @Nullable List<WebhookSecret> checkSecret(String property, @Nullable String value) {
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      throw new VippsCallbackConfigurationException(property, "", "a webhook secret must not be blank",
          SECRET_VALID, null);
    }
    try {
      List<WebhookSecret> parsed = WebhookSecret.parseList(value);
      WebhookSignatureVerifier.builder(parsed); // at most MAX_SECRETS, each once
      return parsed;
    } catch (IllegalArgumentException e) {
      throw new VippsCallbackConfigurationException(property, "(hidden)", String.valueOf(e.getMessage()),
          SECRET_VALID, null);
    }
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
   * Endpoints that take the same secrets, and their signature check (for either web stack).
   *
   * @param secretProperty where the secrets came from, e.g. {@code vipps.callback.webhook.secret}
   * @param secrets the secrets, in order (their {@code toString} shows labels only)
   */
  record Group(
      String secretProperty,
      List<CallbackEndpoint> endpoints,
      List<WebhookSecret> secrets,
      WebhookSignatureCheck check) {}
}
