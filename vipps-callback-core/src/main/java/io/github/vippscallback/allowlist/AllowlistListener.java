package io.github.vippscallback.allowlist;

/**
 * Told when the effective set of allowed addresses changes, e.g. to update a firewall. Called on the
 * allowlist's refresh thread; an exception it throws is logged and does not stop other listeners.
 */
@FunctionalInterface
public interface AllowlistListener {

  /** Called once per change of the effective set, with what was added and removed. */
  void onChange(AllowlistChange change);
}
