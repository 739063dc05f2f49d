/**
 * Helpers of the api's own records and of the core (defensive copies, enum spellings, request rules). Not
 * part of the public API, and not for transports, whose supported runtime is {@link io.aioarango.transport.spi}:
 * it may change in any release.
 */
package io.aioarango.api.internal;
