/** Tests of the servlet sample over real HTTP from loopback source addresses, with DNS on loopback. */
@NullMarked
package io.github.vippscallback.samples.servlet;

import org.jspecify.annotations.NullMarked;
