/**
 * The DNS-driven allowlist of Vipps request servers: the host catalog ({@link
 * io.github.vippscallback.allowlist.VippsEnvironment}), {@link
 * io.github.vippscallback.allowlist.VippsAllowlist} with its decision, status and listeners. The DNS
 * machinery behind it (querying, per-host state, refresh scheduling, change notification) is
 * package-private and runs only on the allowlist's background thread.
 */
@NullMarked
package io.github.vippscallback.allowlist;

import org.jspecify.annotations.NullMarked;
