package io.github.vippscallback.gateway;

/** Spring Cloud Gateway server-webmvc with Spring Security (the build runs this class in its own surefire execution). */
class WebMvcGatewaySecuredTests extends GatewayRouteChecks {

  @Override
  boolean secured() {
    return true;
  }

  @Override
  boolean reactive() {
    return false;
  }
}
