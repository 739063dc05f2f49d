package io.aioarango.api;

/**
 * What a {@link HostResolver} may know of one coordinator it could pick: the host and how loaded it looks
 * from this client. The figures are read without a lock while requests come and go, so they are recent,
 * not exact.
 */
public interface HostCandidate {

    /**
     * The coordinator.
     *
     * @return its host
     */
    Host host();

    /**
     * The client's requests in flight to this coordinator now, hedges included.
     *
     * @return 0 or more
     */
    int inFlight();

    /**
     * A moving average of how long this coordinator's recent attempts took, answered or failed.
     *
     * @return nanoseconds; 0 until its first attempt has ended
     */
    long latencyNanos();
}
