/**
 * The framework-free heart of vipps-callback: the catalog of Vipps request servers per environment,
 * the DNS-driven {@link io.github.vippscallback.core.VippsAllowlist}, strict IP-literal parsing and
 * client-address resolution behind trusted proxies.
 */
@NullMarked
package io.github.vippscallback.core;

import org.jspecify.annotations.NullMarked;
