package io.github.vippscallback.containers.tomcat;

import io.github.vippscallback.containers.ContainerMatrixTest;
import io.github.vippscallback.containers.ServletContainer;

/** The matrix on embedded Tomcat; the 10.1 module compiles this same source against Tomcat 10.1. */
class TomcatMatrixTest extends ContainerMatrixTest {

  @Override
  protected ServletContainer container() {
    return new EmbeddedTomcat();
  }
}
