/** Tests of the servlet filters, in a real embedded Tomcat over real HTTP. */
@NullMarked
package io.github.vippscallback.servlet;

import org.jspecify.annotations.NullMarked;
