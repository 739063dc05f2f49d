package io.aioarango.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.api.Host;
import io.aioarango.api.HttpMethod;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.ResponseTooLargeException;
import io.aioarango.transport.spi.TransportOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The response reader alone, on an embedded channel: what it does with each part, and with an Error. */
class ExchangeHandlerTest {
    static {
        NettyLeaks.install();
    }

    private static final Host HOST = new Host("http", "127.0.0.1", 8529);

    @AfterAll
    static void noBufferLeaked() throws InterruptedException {
        assertThat(NettyLeaks.reports()).isEmpty();
    }

    private static EmbeddedChannel channelCarrying(CompletableFuture<TransportResponse> result) {
        EmbeddedChannel channel = new EmbeddedChannel(new ExchangeHandler(HOST, TransportOptions.defaults()));
        channel.attr(Exchange.EXCHANGE).set(new Exchange(result, HttpMethod.GET));
        return channel;
    }

    /** A body part whose bytes cannot be read: as when the heap runs out while copying an answer. */
    private static final class UnreadableBuffer extends UnpooledHeapByteBuf {
        UnreadableBuffer(int length) {
            super(UnpooledByteBufAllocator.DEFAULT, length, length);
            writerIndex(length);
        }

        @Override
        public boolean hasArray() {
            return false;
        }

        @Override
        public ByteBuffer nioBuffer(int index, int length) {
            throw new OutOfMemoryError("Java heap space");
        }

        @Override
        public ByteBuffer[] nioBuffers(int index, int length) {
            throw new OutOfMemoryError("Java heap space");
        }

        @Override
        public ByteBuf getBytes(int index, byte[] destination, int destinationIndex, int length) {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    /**
     * Before, the handler took the exchange off the connection and then copied the answer: an Error there
     * reached exceptionCaught with no exchange left, and nothing ever completed the caller's future.
     */
    @Test
    void anErrorWhileCopyingTheAnswerStillEndsTheFutureAndTheConnection() {
        CompletableFuture<TransportResponse> result = new CompletableFuture<>();
        EmbeddedChannel channel = channelCarrying(result);
        UnreadableBuffer content = new UnreadableBuffer(100);
        FullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, content);
        answer.headers().set(HttpHeaderNames.CONTENT_LENGTH, 100);

        channel.writeInbound(answer);

        assertThat(result).isCompletedExceptionally();
        assertThat(result.handle((response, failure) -> failure).join())
                .isInstanceOf(ResponseTooLargeException.class).hasMessageContaining("does not fit in the memory left");
        assertThat(content.refCnt()).as("the part was released").isZero();
        assertThat(channel.isOpen()).as("the connection was closed").isFalse();
    }

    @Test
    void eachPartIsReleasedAsSoonAsItIsCopied() {
        CompletableFuture<TransportResponse> result = new CompletableFuture<>();
        EmbeddedChannel channel = channelCarrying(result);
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_LENGTH, 10);
        ByteBuf first = Unpooled.copiedBuffer("01234", StandardCharsets.US_ASCII);
        ByteBuf last = Unpooled.copiedBuffer("56789", StandardCharsets.US_ASCII);

        channel.writeInbound(head);
        channel.writeInbound(new DefaultHttpContent(first));
        assertThat(first.refCnt()).isZero();
        assertThat(result).isNotDone();
        channel.writeInbound(new DefaultLastHttpContent(last));

        assertThat(last.refCnt()).isZero();
        assertThat(result.join().bodyAsString()).isEqualTo("0123456789");
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }
}
