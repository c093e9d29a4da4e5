/**
 * A plain servlet application with no Spring: embedded Tomcat 11 serving a callback servlet that only
 * Vipps' request servers reach, with {@link io.github.vippscallback.servlet.VippsCallbackFilter} set up
 * in code ({@link io.github.vippscallback.samples.servlet.ProgrammaticServer}) or in {@code web.xml}
 * through init-parameters ({@link io.github.vippscallback.samples.servlet.WebXmlServer}).
 */
@NullMarked
package io.github.vippscallback.samples.servlet;

import org.jspecify.annotations.NullMarked;
