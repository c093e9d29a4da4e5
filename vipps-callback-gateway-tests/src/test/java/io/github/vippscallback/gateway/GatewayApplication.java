package io.github.vippscallback.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A gateway as a merchant writes it: no code, routes in properties ({@link GatewayRouteChecks} sets them),
 * {@code vipps.callback.paths=/vipps/**} for the Vipps route. Which gateway (server-webflux or
 * server-webmvc) and whether Spring Security is there is the class path's choice: the build runs each
 * variant in its own surefire execution.
 */
@SpringBootApplication
class GatewayApplication {}
