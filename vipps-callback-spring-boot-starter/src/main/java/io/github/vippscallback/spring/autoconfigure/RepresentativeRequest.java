package io.github.vippscallback.spring.autoconfigure;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in {@link HttpServletRequest} for one method and path, to ask a request matcher at start-up
 * whether it would take a guarded endpoint's requests: what a Vipps request would look like (no headers, no
 * parameters, no session, an outside client address). Only the parts request matchers read are answered;
 * every other method answers nothing ({@code null}, {@code false}, {@code 0}, empty).
 *
 * <p>A JDK proxy, so that it follows the Servlet API whatever its version; the starter's runtime hints declare
 * it for native images.
 */
final class RepresentativeRequest {

  /** A documentation address (RFC 5737): a client from outside, as Vipps is. */
  static final String CLIENT_ADDRESS = "192.0.2.1";

  private RepresentativeRequest() {}

  /**
   * The request.
   *
   * @param method the HTTP method
   * @param contextPath the servlet context path, {@code ""} for the root
   * @param servletPath the dispatcher servlet's path prefix, {@code ""} for {@code /}
   * @param path the path relative to the context path, the servlet path included
   * @param servletContext the application's servlet context, if known
   */
  static HttpServletRequest of(String method, String contextPath, String servletPath, String path,
      @Nullable ServletContext servletContext) {
    Handler handler = new Handler(method, contextPath, servletPath, path, servletContext);
    return (HttpServletRequest) Proxy.newProxyInstance(
        RepresentativeRequest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class}, handler);
  }

  private static final class Handler implements java.lang.reflect.InvocationHandler {

    private final String method;
    private final String contextPath;
    private final String servletPath;
    private final String path;
    private final @Nullable ServletContext servletContext;
    private final Map<String, Object> attributes = new HashMap<>();

    Handler(String method, String contextPath, String servletPath, String path,
        @Nullable ServletContext servletContext) {
      this.method = method;
      this.contextPath = contextPath;
      this.servletPath = servletPath.isEmpty() || !path.startsWith(servletPath) ? "" : servletPath;
      this.path = path;
      this.servletContext = servletContext;
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method called, Object @Nullable [] args) {
      String name = called.getName();
      @Nullable Object first = args == null || args.length == 0 ? null : args[0];
      return switch (name) {
        case "getMethod" -> method;
        case "getRequestURI" -> contextPath + path;
        case "getRequestURL" -> requestUrl();
        case "getContextPath" -> contextPath;
        case "getServletPath" -> servletPath.isEmpty() ? path : servletPath;
        case "getPathInfo" -> servletPath.isEmpty() ? null : path.substring(servletPath.length());
        case "getHttpServletMapping" -> mapping();
        case "getDispatcherType" -> DispatcherType.REQUEST;
        case "getServletContext" -> servletContext;
        case "getAttribute" -> attributes.get(String.valueOf(first));
        case "getAttributeNames" -> Collections.enumeration(List.copyOf(attributes.keySet()));
        case "setAttribute" -> {
          if (args != null && args.length == 2 && args[1] != null) {
            attributes.put(String.valueOf(first), args[1]);
          } else {
            attributes.remove(String.valueOf(first));
          }
          yield null;
        }
        case "removeAttribute" -> {
          attributes.remove(String.valueOf(first));
          yield null;
        }
        case "getScheme" -> "http";
        case "getProtocol" -> "HTTP/1.1";
        case "getServerName", "getLocalName", "getRemoteHost" -> "localhost";
        case "getServerPort", "getLocalPort" -> 80;
        case "getRemoteAddr" -> CLIENT_ADDRESS;
        case "getLocale" -> Locale.ROOT;
        case "getLocales" -> Collections.enumeration(List.of(Locale.ROOT));
        case "getContentLength" -> -1;
        case "getContentLengthLong" -> -1L;
        case "getDateHeader" -> -1L;
        case "getIntHeader" -> -1;
        case "toString" -> "representative request " + method + " " + contextPath + path;
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> isSame(proxy, first);
        default -> nothing(called.getReturnType());
      };
    }

    @SuppressWarnings("JdkObsolete") // the Servlet API's type
    private StringBuffer requestUrl() {
      return new StringBuffer("http://localhost").append(contextPath).append(path);
    }

    @SuppressWarnings("ReferenceEquality") // a proxy equals only itself
    private static boolean isSame(Object proxy, @Nullable Object other) {
      return proxy == other;
    }

    private HttpServletMapping mapping() {
      boolean prefixed = !servletPath.isEmpty();
      String matchValue = prefixed ? path.substring(servletPath.length()) : "";
      return new HttpServletMapping() {
        @Override
        public String getMatchValue() {
          return matchValue.startsWith("/") ? matchValue.substring(1) : matchValue;
        }

        @Override
        public String getPattern() {
          return prefixed ? servletPath + "/*" : "/";
        }

        @Override
        public String getServletName() {
          return "dispatcherServlet";
        }

        @Override
        public MappingMatch getMappingMatch() {
          return prefixed ? MappingMatch.PATH : MappingMatch.DEFAULT;
        }
      };
    }

    private static @Nullable Object nothing(Class<?> type) {
      if (type == boolean.class) {
        return false;
      }
      if (type == int.class) {
        return 0;
      }
      if (type == long.class) {
        return 0L;
      }
      if (type == java.util.Enumeration.class) {
        return Collections.emptyEnumeration();
      }
      if (type == Map.class) {
        return Map.of();
      }
      if (type == Collection.class || type == List.class) {
        return List.of();
      }
      if (type == Set.class) {
        return Set.of();
      }
      return null;
    }
  }
}
