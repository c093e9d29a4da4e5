/**
 * Test support: {@link io.github.vippscallback.test.LoopbackDnsServer}, a scripted DNS server on
 * loopback, so tests never ask real DNS about real Vipps hosts.
 */
@NullMarked
package io.github.vippscallback.test;

import org.jspecify.annotations.NullMarked;
