package io.github.vippscallback.containers.jetty.ee10;

import io.github.vippscallback.containers.ContainerMatrixTest;
import io.github.vippscallback.containers.ServletContainer;

/** The matrix on embedded Jetty 12.1 ee10, which hands an IPv6 peer over in brackets. */
class JettyMatrixTest extends ContainerMatrixTest {

  @Override
  protected ServletContainer container() {
    return new EmbeddedJetty();
  }
}
