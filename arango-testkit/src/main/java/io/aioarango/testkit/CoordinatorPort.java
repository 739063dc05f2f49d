package io.aioarango.testkit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The loopback port of one coordinator, the same across restarts: listening, held without listening (connects
 * are refused, and no other server can take the port), or black-holed (connects time out). Which of them it is
 * the coordinator decides, under its monitor; this class is guarded by its own.
 */
final class CoordinatorPort {
    /** How long a closed listener may take to leave its port; it takes a select of its event loop. */
    private static final long LISTENER_GONE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final EventLoopGroup group;
    private final String serverId;
    /** Sets up each connection accepted; a new one for each listener. */
    private final Supplier<ChannelInitializer<SocketChannel>> connections;
    private final int port;
    /** The listening channel, unless stopped or black-holed. */
    private Channel listener;
    /** Holds the port while stopped, so that no other server takes it. */
    private Socket placeholder;
    /** Holds the port while black-holed. */
    private Blackhole blackhole;

    /** Listens on a port the operating system chooses. */
    CoordinatorPort(EventLoopGroup group, String serverId, Supplier<ChannelInitializer<SocketChannel>> connections) {
        this.group = group;
        this.serverId = serverId;
        this.connections = connections;
        synchronized (this) {
            listener = bind(0);
            port = ((InetSocketAddress) listener.localAddress()).getPort();
        }
    }

    int number() {
        return port;
    }

    /** Listens on the port again. */
    synchronized void listen() {
        listener = bind(port);
    }

    private Channel bind(int onPort) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(connections.get());
        try {
            return bootstrap.bind(InetAddress.getLoopbackAddress(), onPort).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting coordinator " + serverId, e);
        } catch (Exception e) {
            throw new IllegalStateException("Coordinator " + serverId + " could not listen on 127.0.0.1:"
                    + onPort + ": " + e, e);
        }
    }

    /**
     * Closes the listener, if there is one, and returns once its port refuses connections. NIO closes a listener
     * registered with a selector only when its event loop next selects, after the close has completed; until
     * then the kernel still takes connections for it (and resets them when it goes).
     */
    synchronized void closeListener() {
        if (listener == null) {
            return;
        }
        listener.close().syncUninterruptibly();
        listener = null;
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        long deadline = System.nanoTime() + LISTENER_GONE_NANOS;
        while (System.nanoTime() - deadline < 0) {
            try (Socket probe = new Socket()) {
                probe.connect(address, 100);
            } catch (ConnectException refused) {
                return;
            } catch (IOException notYet) {
                // try again
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        // Past the deadline, carry on: a black hole that cannot bind says so itself.
    }

    /**
     * Holds the port with a bound socket that does not listen: connections are refused, and no other server can
     * take the port. If it cannot be bound, the port is left free.
     */
    synchronized void holdRefusing() {
        Socket holder = new Socket();
        try {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            placeholder = holder;
        } catch (IOException e) {
            FakeCoordinator.closeQuietly(holder);
        }
    }

    /** Lets go of the port held by {@link #holdRefusing()}, if it is. */
    synchronized void releaseHold() {
        if (placeholder != null) {
            FakeCoordinator.closeQuietly(placeholder);
            placeholder = null;
        }
    }

    /**
     * Holds the port so that connects to it time out; see {@link Blackhole}.
     *
     * @throws IllegalStateException if the port could not be held that way
     */
    synchronized void blackhole() {
        blackhole = Blackhole.open(port);
    }

    /** Ends the black hole, if there is one: the port is free for {@link #listen()} again. */
    synchronized void endBlackhole() {
        if (blackhole != null) {
            blackhole.close();
            blackhole = null;
        }
    }
}
