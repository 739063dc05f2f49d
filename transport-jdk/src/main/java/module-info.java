/**
 * The {@code jdk} transport: per-coordinator HTTP sessions on {@code java.net.http.HttpClient}. Found by
 * the client through {@link io.aioarango.transport.spi.TransportProvider}; {@code META-INF/services} lists it
 * for the class path too.
 */
module io.aioarango.transport.jdk {
    requires transitive io.aioarango.transport.spi;
    // JdkTransport.withHttpClient takes an HttpClient.Builder.
    requires transitive java.net.http;

    exports io.aioarango.transport.jdk;

    provides io.aioarango.transport.spi.TransportProvider with io.aioarango.transport.jdk.JdkTransportProvider;
}
