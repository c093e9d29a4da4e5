/** Tests of the DNS-driven allowlist against DNS servers on loopback. */
@NullMarked
package io.github.vippscallback.allowlist;

import org.jspecify.annotations.NullMarked;
