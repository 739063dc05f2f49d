package io.aioarango.testkit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * First in a connection's pipeline: while its coordinator is silent (frozen or black-holed) it keeps the bytes
 * of the connection from the HTTP codec and swallows the codec's requests to read, and lets the held bytes
 * through, in order, once the coordinator speaks again. Turning auto-read off alone is not enough: it takes
 * effect on the event loop a little later, and the codec asks for a read itself while a request is incomplete.
 * Confined to the connection's event loop.
 */
final class SilenceGate extends ChannelDuplexHandler {
    private final FakeCoordinator coordinator;
    private final ArrayDeque<Object> held = new ArrayDeque<>();

    SilenceGate(FakeCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (coordinator.isSilent()) {
            held.add(msg);
            return;
        }
        release(ctx);
        ctx.fireChannelRead(msg);
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (coordinator.isSilent()) {
            return;
        }
        // Turning auto-read back on ends here: what was held goes first.
        if (release(ctx)) {
            ctx.fireChannelReadComplete();
        }
        ctx.read();
    }

    private boolean release(ChannelHandlerContext ctx) {
        boolean any = !held.isEmpty();
        while (!held.isEmpty()) {
            ctx.fireChannelRead(held.poll());
        }
        return any;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        held.forEach(ReferenceCountUtil::release);
        held.clear();
    }
}
