/**
 * IP addresses as the guard sees them: strict, DNS-free parsing of IP literals ({@link
 * io.github.vippscallback.address.IpAddress}, {@link io.github.vippscallback.address.IpRange}), the
 * immutable, allocation-free {@link io.github.vippscallback.address.AddressSet} a request is matched
 * against, and the client address of a request behind trusted proxies ({@link
 * io.github.vippscallback.address.ClientAddressResolver}, over the {@code X-Forwarded-For} and RFC 7239
 * {@code Forwarded} grammars).
 */
@NullMarked
package io.github.vippscallback.address;

import org.jspecify.annotations.NullMarked;
