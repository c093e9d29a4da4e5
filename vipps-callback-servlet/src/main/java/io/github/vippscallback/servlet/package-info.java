/**
 * A Jakarta Servlet filter that lets callbacks through only from Vipps' request servers, for any
 * servlet application, Spring or not: {@link io.github.vippscallback.servlet.VippsCallbackFilter}.
 */
@NullMarked
package io.github.vippscallback.servlet;

import org.jspecify.annotations.NullMarked;

