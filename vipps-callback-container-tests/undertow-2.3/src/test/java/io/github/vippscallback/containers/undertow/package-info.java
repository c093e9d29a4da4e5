@NullMarked
package io.github.vippscallback.containers.undertow;

import org.jspecify.annotations.NullMarked;
