/** Tests of the servlet filter, in a real embedded Tomcat over real HTTP from loopback source addresses. */
@NullMarked
package io.github.vippscallback.servlet;

import org.jspecify.annotations.NullMarked;

