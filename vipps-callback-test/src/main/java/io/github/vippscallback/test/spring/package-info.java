/**
 * The test kit's hook into Spring's TestContext framework: a static {@link
 * io.github.vippscallback.test.LoopbackDnsExtension} field points the test's application context at its server
 * ({@code vipps.callback.dns.servers}).
 */
@NullMarked
package io.github.vippscallback.test.spring;

import org.jspecify.annotations.NullMarked;
