/**
 * The test kit: {@link io.github.vippscallback.test.LoopbackDnsServer}, a scripted DNS server on
 * loopback so tests never ask real DNS about real Vipps hosts, run for a test class by {@link
 * io.github.vippscallback.test.LoopbackDnsExtension}; {@link io.github.vippscallback.test.LoopbackHttpClient},
 * real HTTP from a chosen loopback source address, optionally signed as Vipps signs a webhook. For
 * MockMvc see {@code io.github.vippscallback.test.mockmvc}.
 */
@NullMarked
package io.github.vippscallback.test;

import org.jspecify.annotations.NullMarked;
