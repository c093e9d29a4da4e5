/** Tests of the core: the catalog, the DNS-driven allowlist, parsing and client-address resolution. */
@NullMarked
package io.github.vippscallback.core;

import org.jspecify.annotations.NullMarked;
