/**
 * Helpers shared by the SDK's own modules (core and the transports). Not part of the public API: it may
 * change in any release.
 */
package io.aioarango.api.internal;
