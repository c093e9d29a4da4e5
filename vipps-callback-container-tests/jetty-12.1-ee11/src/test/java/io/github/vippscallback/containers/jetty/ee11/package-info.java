@NullMarked
package io.github.vippscallback.containers.jetty.ee11;

import org.jspecify.annotations.NullMarked;
