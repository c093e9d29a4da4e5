@NullMarked
package io.github.vippscallback.containers.report;

import org.jspecify.annotations.NullMarked;
