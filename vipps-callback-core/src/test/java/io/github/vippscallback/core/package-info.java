/** Tests of the core: parsing, matching, client-address resolution and the DNS-driven allowlist. */
@NullMarked
package io.github.vippscallback.core;

import org.jspecify.annotations.NullMarked;
