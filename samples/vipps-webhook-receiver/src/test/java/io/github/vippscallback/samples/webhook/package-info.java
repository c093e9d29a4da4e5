/**
 * Tests of the webhook receiver: the running application on a random port, DNS on loopback, WireMock
 * as the Vipps API, and callbacks from real loopback source addresses.
 */
@NullMarked
package io.github.vippscallback.samples.webhook;

import org.jspecify.annotations.NullMarked;
