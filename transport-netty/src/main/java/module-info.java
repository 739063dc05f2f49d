/**
 * The {@code netty} transport: per-coordinator HTTP sessions on Netty 4.2 or 4.1 (native epoll on Linux
 * when the native library is loadable, NIO otherwise). Found by the client through
 * {@link io.aioarango.transport.spi.TransportProvider}; {@code META-INF/services} lists it for the class path
 * too.
 *
 * <p>On the module path the native epoll library ({@code io.netty.transport.epoll.linux.x86_64}, a module
 * with no packages) is only loaded when something resolves it: without it the transport runs on NIO. An
 * application that wants epoll there adds {@code requires io.netty.transport.epoll.linux.x86_64;} to its
 * own module-info (or {@code --add-modules io.netty.transport.epoll.linux.x86_64}).
 */
module io.aioarango.transport.netty {
    requires transitive io.aioarango.transport.spi;
    // NettyTransport.Builder takes an EventLoopGroup, a Channel type and an SslContext.
    requires transitive io.netty.transport;
    requires transitive io.netty.handler;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.codec.http2;
    requires io.netty.common;
    requires io.netty.resolver;
    requires io.netty.transport.classes.epoll;
    // The keep-alive timings of NIO sockets (jdk.net.ExtendedSocketOptions); a module of every JDK.
    requires jdk.net;

    exports io.aioarango.transport.netty;

    provides io.aioarango.transport.spi.TransportProvider with io.aioarango.transport.netty.NettyTransportProvider;
}
