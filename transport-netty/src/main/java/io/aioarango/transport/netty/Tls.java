package io.aioarango.transport.netty;

import io.aioarango.api.Host;
import io.aioarango.transport.spi.TransportOptions;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** TLS as every connection of the transport sets it up: HTTP/1.1, HTTP/2 and the ALPN probe alike. */
final class Tls {
    private Tls() {
    }

    /**
     * TLS for a connection to {@code host}: its certificate must name the host, unless the client's TLS
     * settings turned that off (their trust managers then skip it too).
     */
    static SslHandler handler(SslContext context, Channel channel, Host host, TransportOptions options) {
        SslHandler ssl = context.newHandler(channel.alloc(), host.hostname(), host.port());
        if (options.tls().verifyHostnames()) {
            SSLEngine engine = ssl.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        // The handshake is part of connecting: it gets no more time than the TCP connect.
        ssl.setHandshakeTimeoutMillis(options.connectTimeout().toMillis());
        return ssl;
    }
}
