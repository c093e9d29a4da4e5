package io.github.vippscallback.gateway;

/** Spring Cloud Gateway server-webflux with Spring Security (the build runs this class in its own surefire execution). */
class WebFluxGatewaySecuredTests extends GatewayRouteChecks {

  @Override
  boolean secured() {
    return true;
  }

  @Override
  boolean reactive() {
    return true;
  }
}
