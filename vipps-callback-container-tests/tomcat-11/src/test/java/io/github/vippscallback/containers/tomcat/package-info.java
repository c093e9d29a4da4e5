@NullMarked
package io.github.vippscallback.containers.tomcat;

import org.jspecify.annotations.NullMarked;
