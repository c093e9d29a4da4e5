@NullMarked
package io.github.vippscallback.containers.payara;

import org.jspecify.annotations.NullMarked;
