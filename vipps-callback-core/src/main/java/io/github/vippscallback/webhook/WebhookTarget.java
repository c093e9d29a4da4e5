package io.github.vippscallback.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The two parts of a webhook URL that Vipps signs: the {@linkplain #host() host} (the authority: host
 * name plus a non-default port) and the {@linkplain #pathAndQuery() path and query}, both as in the URL
 * registered with Vipps, which behind a proxy is not what the application sees.
 *
 * <p>Build one from the registered URL with {@link #parse(String)}, or from a public base URL plus the
 * path and query of each request with {@link #parse(String)} then {@link #withRequestPath(String,
 * String)}. Both parts are validated: the host may hold only letters, digits, {@code .-_:[]}, and the
 * path and query only printable ASCII (non-ASCII must be percent-encoded, as in a request line), so a
 * hostile value cannot smuggle a line break or separator into the signed text. Host names are compared
 * in lower case. Immutable.
 */
public final class WebhookTarget {

  private static final int MAX_HOST_LENGTH = 300;
  private static final int MAX_PATH_AND_QUERY_LENGTH = 8192;

  private final String scheme;
  private final String host;
  private final String pathAndQuery;

  private WebhookTarget(String scheme, String host, String pathAndQuery) {
    this.scheme = scheme;
    this.host = host;
    this.pathAndQuery = pathAndQuery;
  }

  /**
   * A target from its two parts as Vipps signs them; its {@linkplain #scheme() scheme} is {@code https}.
   *
   * @param host the authority, e.g. {@code shop.example.com} or {@code shop.example.com:8443}
   * @param pathAndQuery the raw (percent-encoded) path, plus {@code ?} and the raw query if any,
   *     e.g. {@code /vipps/webhook?shop=1}
   * @return the target
   * @throws IllegalArgumentException when either part holds characters a URL cannot
   */
  public static WebhookTarget of(String host, String pathAndQuery) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    return of("https", host, pathAndQuery);
  }

  private static WebhookTarget of(String scheme, String host, String pathAndQuery) {
    checkHost(host);
    checkPathAndQuery(pathAndQuery);
    return new WebhookTarget(scheme.toLowerCase(Locale.ROOT), host.toLowerCase(Locale.ROOT), pathAndQuery);
  }

  /**
   * The target of an absolute {@code http} or {@code https} URL, such as the URL registered with Vipps
   * or the public base URL of the application. A default port ({@code 443} for {@code https}, {@code
   * 80} for {@code http}) is left out of the host, an empty path becomes {@code /}, and the path and
   * query are kept percent-encoded as written.
   *
   * @param url the absolute URL, e.g. {@code https://shop.example.com/vipps/webhook}
   * @return the target
   * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL with a host, or
   *     has user information or a fragment
   */
  public static WebhookTarget parse(String url) {
    Objects.requireNonNull(url, "url");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "Not a URL: '" + url + "' (" + e.getReason() + "); expected e.g. https://shop.example.com/vipps/webhook",
          e);
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
      throw new IllegalArgumentException(
          "Not an http or https URL: '" + url + "'; expected e.g. https://shop.example.com/vipps/webhook");
    }
    String hostName = uri.getHost();
    if (hostName == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "A webhook URL has a host name and no user information or fragment, but was '" + url
              + "'; expected e.g. https://shop.example.com/vipps/webhook");
    }
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || (port == 443 && scheme.equalsIgnoreCase("https"))
            || (port == 80 && scheme.equalsIgnoreCase("http"));
    String authority = defaultPort ? hostName : hostName + ":" + port;
    String rawPath = uri.getRawPath();
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    String rawQuery = uri.getRawQuery();
    String pathAndQuery = rawQuery == null || rawQuery.isEmpty() ? path : path + "?" + rawQuery;
    return of(scheme, authority, pathAndQuery);
  }

  /**
   * A public base URL, for {@link #withRequestPath}: what the application's {@code publicUrl} setting
   * holds, e.g. {@code https://shop.example.com} or {@code https://example.com/shop}.
   *
   * @param publicUrl the public base URL
   * @return the base, to be completed by {@link #withRequestPath}
   * @throws IllegalArgumentException unless an http(s) URL with a host and no query or fragment; the
   *     message names {@code publicUrl} and the value
   */
  public static WebhookTarget parsePublicUrl(String publicUrl) {
    WebhookTarget base = parse(publicUrl);
    if (base.pathAndQuery.indexOf('?') >= 0) {
      throw new IllegalArgumentException(
          "publicUrl must have no query, such as https://shop.example.com, but was '" + publicUrl + "'");
    }
    return base;
  }

  /**
   * The target of a request as the application sees it, for when no public URL is configured (no proxy
   * between Vipps and the application): the server name and a non-default port, then the request's
   * path and query. With a servlet request: {@code fromRequest(request.getScheme(),
   * request.getServerName(), request.getServerPort(), request.getRequestURI(),
   * request.getQueryString())}.
   *
   * @param scheme {@code http} or {@code https}, to know the default port
   * @param serverName the host name or IP literal (an IPv6 literal with or without brackets)
   * @param serverPort the port, or a value below 1 for the default
   * @param rawRequestUri the raw path as in the request line
   * @param rawQuery the raw query without {@code ?}, or {@code null} for none
   * @return the request's target
   * @throws IllegalArgumentException when a part holds characters a URL cannot
   */
  public static WebhookTarget fromRequest(
      String scheme, String serverName, int serverPort, String rawRequestUri, @Nullable String rawQuery) {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(serverName, "serverName");
    Objects.requireNonNull(rawRequestUri, "rawRequestUri");
    String name =
        serverName.indexOf(':') >= 0 && !serverName.startsWith("[") ? "[" + serverName + "]" : serverName;
    boolean defaultPort =
        serverPort <= 0
            || (serverPort == 443 && scheme.equalsIgnoreCase("https"))
            || (serverPort == 80 && scheme.equalsIgnoreCase("http"));
    String host = defaultPort ? name : name + ":" + serverPort;
    String pathAndQuery =
        rawQuery == null || rawQuery.isEmpty() ? rawRequestUri : rawRequestUri + "?" + rawQuery;
    return of(scheme.equalsIgnoreCase("https") ? "https" : "http", host, pathAndQuery);
  }

  /**
   * The target of one request that reached the application under this public base URL: the host of
   * this base, and its path (without a trailing {@code /}) followed by the request's path and query.
   * For a base of {@code https://shop.example.com} and a request to {@code /vipps/webhook?x=1}, the
   * target is {@code shop.example.com} and {@code /vipps/webhook?x=1}; a base of {@code
   * https://example.com/shop} (a proxy that strips {@code /shop}) gives {@code /shop/vipps/webhook?x=1}.
   *
   * @param rawRequestUri the request's raw path as in the request line, e.g. {@code
   *     HttpServletRequest.getRequestURI()} (which includes the context path)
   * @param rawQuery the request's raw query without {@code ?}, or {@code null} for none
   * @return the request's target under this base
   * @throws IllegalArgumentException when the request's path or query holds characters a URL cannot
   * @throws IllegalStateException when this base has a query
   */
  public WebhookTarget withRequestPath(String rawRequestUri, @Nullable String rawQuery) {
    Objects.requireNonNull(rawRequestUri, "rawRequestUri");
    if (pathAndQuery.indexOf('?') >= 0) {
      throw new IllegalStateException("A public base URL has no query, but this one has: " + pathAndQuery);
    }
    String prefix =
        pathAndQuery.endsWith("/")
            ? pathAndQuery.substring(0, pathAndQuery.length() - 1)
            : pathAndQuery;
    String combined = prefix + rawRequestUri;
    if (rawQuery != null && !rawQuery.isEmpty()) {
      combined = combined + "?" + rawQuery;
    }
    checkPathAndQuery(combined);
    return new WebhookTarget(scheme, host, combined);
  }

  /**
   * The scheme of the URL, {@code https} or {@code http}: not signed by Vipps, so not compared by {@link
   * #equals}, but shown in {@link #url()} so that a log line names the whole URL verified against.
   *
   * @return {@code https} or {@code http}
   */
  public String scheme() {
    return scheme;
  }

  /**
   * The whole URL this target stands for, e.g. {@code https://shop.example.com/vipps/webhook?x=1}.
   *
   * @return the URL, with scheme
   */
  public String url() {
    return scheme + "://" + host + pathAndQuery;
  }

  /**
   * The authority Vipps signs: the host name in lower case, plus {@code :port} when not the default.
   *
   * @return the host, with port when not the default
   */
  public String host() {
    return host;
  }

  /**
   * The raw path and query Vipps signs, e.g. {@code /vipps/webhook?shop=1}.
   *
   * @return the path and query, still percent-encoded
   */
  public String pathAndQuery() {
    return pathAndQuery;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof WebhookTarget that
        && host.equals(that.host)
        && pathAndQuery.equals(that.pathAndQuery);
  }

  @Override
  public int hashCode() {
    return host.hashCode() * 31 + pathAndQuery.hashCode();
  }

  @Override
  public String toString() {
    return host + pathAndQuery;
  }

  private static void checkHost(String host) {
    if (host.isEmpty() || host.length() > MAX_HOST_LENGTH) {
      throw new IllegalArgumentException(
          "A webhook host is 1 to " + MAX_HOST_LENGTH + " characters long, but was " + host.length());
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.' || c == '-' || c == '_' || c == ':' || c == '[' || c == ']';
      if (!allowed) {
        throw new IllegalArgumentException(
            "A webhook host holds only letters, digits and .-_:[] but had character code "
                + (int) c + " at index " + i);
      }
    }
  }

  private static void checkPathAndQuery(String pathAndQuery) {
    if (pathAndQuery.isEmpty()
        || pathAndQuery.charAt(0) != '/'
        || pathAndQuery.length() > MAX_PATH_AND_QUERY_LENGTH) {
      throw new IllegalArgumentException(
          "A webhook path starts with '/' and is at most " + MAX_PATH_AND_QUERY_LENGTH
              + " characters long");
    }
    for (int i = 0; i < pathAndQuery.length(); i++) {
      char c = pathAndQuery.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new IllegalArgumentException(
            "A webhook path and query hold only printable ASCII (percent-encode the rest) but had"
                + " character code " + (int) c + " at index " + i);
      }
    }
  }
}
