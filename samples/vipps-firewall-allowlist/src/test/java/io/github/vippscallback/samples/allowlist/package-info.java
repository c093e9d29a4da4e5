/** Tests of the firewall allowlist tool, run in-process and as a packaged jar, against DNS on loopback. */
@NullMarked
package io.github.vippscallback.samples.allowlist;

import org.jspecify.annotations.NullMarked;
