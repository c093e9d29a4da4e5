package io.github.vippscallback.servlet;

import io.github.vippscallback.allowlist.VippsAllowlist;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The allowlists that {@link VippsCallbackFilter}s configured by init-parameters run in one web
 * application, started once each, in a {@link ServletContext} attribute. Whoever comes first starts one:
 * {@link VippsCallbackStartup} when the application is deployed, or else the filter's own {@code init}.
 * Filters with the same init-parameters (one filter declared twice, or re-initialised) share one allowlist
 * and one refresh thread; each holder takes a {@link Lease} and gives it back, and the last one given back
 * closes the allowlist.
 */
final class StartedAllowlists {

  static final String ATTRIBUTE = StartedAllowlists.class.getName();

  private static final Logger LOG = LoggerFactory.getLogger(VippsCallbackFilter.class);
  private static final Object CREATION_LOCK = new Object();

  private final Map<Map<String, String>, Entry> entries = new HashMap<>();

  private StartedAllowlists() {}

  /**
   * The web application's allowlists, made on first use; with no servlet context (a filter initialised by
   * hand), allowlists of the caller's own, shared with nobody.
   */
  static StartedAllowlists of(@Nullable ServletContext context) {
    if (context == null) {
      return new StartedAllowlists();
    }
    synchronized (CREATION_LOCK) {
      Object found = context.getAttribute(ATTRIBUTE);
      if (found instanceof StartedAllowlists allowlists) {
        return allowlists;
      }
      StartedAllowlists made = new StartedAllowlists();
      context.setAttribute(ATTRIBUTE, made);
      return made;
    }
  }

  /**
   * A lease on the started allowlist for these init-parameters, starting it when nobody holds one.
   *
   * @throws ServletException naming the filter and the init-parameter, when one is missing, bad or unknown,
   *     or the allowlist cannot start
   */
  synchronized Lease acquire(FilterConfig config) throws ServletException {
    Map<String, String> key = parameters(config);
    Entry entry = entries.get(key);
    if (entry == null) {
      InitParameters.Settings settings = InitParameters.read(config);
      VippsAllowlist allowlist = settings.allowlist();
      try {
        allowlist.start();
      } catch (RuntimeException e) {
        allowlist.close();
        throw new ServletException("VippsCallbackFilter '" + config.getFilterName()
            + "' could not start resolving the Vipps request servers: " + e.getMessage(), e);
      }
      entry = new Entry(key, settings);
      entries.put(key, entry);
    }
    entry.holders++;
    return new Lease(this, entry);
  }

  /** How many allowlists are running: one per distinct set of init-parameters held. */
  synchronized int running() {
    return entries.size();
  }

  private synchronized void release(Entry entry) {
    entry.holders--;
    if (entry.holders == 0 && entries.get(entry.key) == entry) {
      entries.remove(entry.key);
      entry.settings.allowlist().close();
      LOG.debug("Stopped the Vipps request-server allowlist for {}", entry.key);
    }
  }

  private static Map<String, String> parameters(FilterConfig config) {
    Map<String, String> parameters = new TreeMap<>();
    for (String name : Collections.list(config.getInitParameterNames())) {
      String value = config.getInitParameter(name);
      parameters.put(name, value == null ? "" : value);
    }
    return Collections.unmodifiableMap(parameters);
  }

  /** One running allowlist and how many hold it. */
  private static final class Entry {
    final Map<String, String> key;
    final InitParameters.Settings settings;
    int holders;

    Entry(Map<String, String> key, InitParameters.Settings settings) {
      this.key = key;
      this.settings = settings;
    }
  }

  /** One holder's claim on a running allowlist; give it back once, with {@link #close}. */
  static final class Lease implements AutoCloseable {
    private final StartedAllowlists owner;
    private final Entry entry;
    private boolean closed;

    private Lease(StartedAllowlists owner, Entry entry) {
      this.owner = owner;
      this.entry = entry;
    }

    InitParameters.Settings settings() {
      return entry.settings;
    }

    @Override
    public void close() {
      synchronized (owner) {
        if (closed) {
          return;
        }
        closed = true;
      }
      owner.release(entry);
    }
  }
}
