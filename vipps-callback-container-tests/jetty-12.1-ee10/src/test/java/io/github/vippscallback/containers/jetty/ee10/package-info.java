@NullMarked
package io.github.vippscallback.containers.jetty.ee10;

import org.jspecify.annotations.NullMarked;
