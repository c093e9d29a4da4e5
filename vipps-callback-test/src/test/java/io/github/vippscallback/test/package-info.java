/** Tests of the loopback DNS server. */
@NullMarked
package io.github.vippscallback.test;

import org.jspecify.annotations.NullMarked;
