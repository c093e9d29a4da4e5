/**
 * The guard of a callback endpoint, for every web stack and free of any web stack's types: {@link
 * io.github.vippscallback.guard.CallbackGuard} finds the client address (through a {@link
 * io.github.vippscallback.guard.CallbackRequestView} of the stack's request), asks the allowlist, logs a
 * refusal (escaped and rate-limited), tells the {@link io.github.vippscallback.guard.CallbackObserver} and
 * gives the 403/503 {@code application/problem+json} answer ({@link io.github.vippscallback.guard.ProblemAnswer})
 * for the stack to write; {@link io.github.vippscallback.guard.WebhookSignatureCheck} does the same for a
 * webhook's signature. The servlet filters ({@code vipps-callback-servlet}) and the Spring Boot starter's
 * servlet and reactive support are thin adapters around these.
 *
 * <p>Logger names: refusals of the address check are logged at WARN by {@code
 * io.github.vippscallback.guard.CallbackGuard}, refusals of the signature check by {@code
 * io.github.vippscallback.guard.WebhookSignatureCheck}, on every web stack.
 */
@NullMarked
package io.github.vippscallback.guard;

import org.jspecify.annotations.NullMarked;

