/**
 * Vipps webhook signatures (HMAC-SHA256 over the method, path and query, date, host and content hash:
 * {@link io.github.vippscallback.webhook.WebhookSignatureVerifier}, {@link
 * io.github.vippscallback.webhook.WebhookSigner}) and callback tokens for the eCom/Checkout callbacks
 * ({@link io.github.vippscallback.webhook.CallbackTokens}). Nothing here touches DNS or the allowlist.
 */
@NullMarked
package io.github.vippscallback.webhook;

import org.jspecify.annotations.NullMarked;
