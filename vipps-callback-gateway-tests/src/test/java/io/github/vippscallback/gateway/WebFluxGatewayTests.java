package io.github.vippscallback.gateway;

/** Spring Cloud Gateway server-webflux without Spring Security (the build runs this class in its own surefire execution). */
class WebFluxGatewayTests extends GatewayRouteChecks {

  @Override
  boolean secured() {
    return false;
  }

  @Override
  boolean reactive() {
    return true;
  }
}
