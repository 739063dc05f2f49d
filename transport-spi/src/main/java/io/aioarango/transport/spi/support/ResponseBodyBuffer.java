package io.aioarango.transport.spi.support;

import io.aioarango.api.Host;
import io.aioarango.api.Headers;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.ResponseTooLargeException;
import java.nio.ByteBuffer;

/**
 * Collects one response body into a single array, so that an answer is held once while it is read: the
 * transport copies each chunk in as it arrives and releases the chunk at once, and the array becomes the
 * {@link TransportResponse}'s body without another copy. A declared length over the limit is refused at once.
 * The array grows as bytes arrive, never past the limit nor the declared length: while the length is
 * declared, to at most eight times what has arrived, so that a server cannot make the client hold 128 MiB
 * by promising it in a few bytes, and once an eighth has arrived to the declared size at once (the last
 * copy moves an eighth of the body); when the length is unknown, by doubling. Used by one thread at a time (the connection's).
 */
public final class ResponseBodyBuffer {
    /** The first array for a body of unknown length; it doubles from there. */
    static final int FIRST_CAPACITY = 16 * 1024;
    /** The largest array a JVM can allocate, a few bytes short of {@code Integer.MAX_VALUE}. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final Host host;
    private final long limit;
    private long declared; // -1 when unknown
    private byte[] bytes;
    private int size;

    private ResponseBodyBuffer(Host host, long limit) {
        this.host = host;
        this.limit = Math.min(limit, MAX_ARRAY);
    }

    /**
     * A buffer for a body of {@code declaredLength} bytes, or of unknown length when it is negative
     * (chunked, or until the connection closes).
     *
     * @param host           the coordinator, named in a failure
     * @param declaredLength the {@code Content-Length} in bytes, or a negative number when there is none
     * @param limit          the largest body accepted, in bytes ({@code maxResponseBytes}); at most
     *                       {@code Integer.MAX_VALUE - 8} is used
     * @return a new buffer, holding a first array of at most 16 KiB
     * @throws ResponseTooLargeException when the declared length is over {@code limit}, or the JVM cannot
     *                                   allocate the first array
     */
    public static ResponseBodyBuffer forLength(Host host, long declaredLength, long limit) {
        ResponseBodyBuffer buffer = new ResponseBodyBuffer(host, limit);
        if (declaredLength > buffer.limit) {
            throw new ResponseTooLargeException(host, limit, null);
        }
        buffer.declared = declaredLength;
        int capacity = (int) Math.min(declaredLength >= 0 ? declaredLength : buffer.limit, FIRST_CAPACITY);
        buffer.bytes = allocateOrNull(capacity);
        if (buffer.bytes == null) {
            throw ResponseTooLargeException.outOfMemory(host, limit, capacity, null);
        }
        return buffer;
    }

    /** The array's size now; for tests. */
    int capacity() {
        return bytes == null ? 0 : bytes.length;
    }

    /**
     * Bytes collected so far.
     *
     * @return the number of bytes appended; 0 after {@link #drop()} or {@link #toResponse(int, Headers)}
     */
    public int size() {
        return size;
    }

    /**
     * Copies the chunk's remaining bytes in and moves its position to its limit.
     *
     * @param chunk the bytes that arrived; the transport may release or reuse it once this returns
     * @throws IllegalStateException if the body was already handed over or dropped, and the chunk is not empty
     * @throws ResponseTooLargeException when the body passes the limit, or the JVM cannot hold it; the
     *                                   bytes collected are dropped first
     */
    public void append(ByteBuffer chunk) {
        int length = chunk.remaining();
        if (length == 0) {
            return;
        }
        ensureRoom(length);
        chunk.get(bytes, size, length);
        size += length;
    }

    /**
     * Like {@link #append(ByteBuffer)} for a part of an array.
     *
     * @param chunk  the array holding the bytes that arrived
     * @param offset where they start in {@code chunk}
     * @param length how many there are
     * @throws IllegalStateException if the body was already handed over or dropped, and {@code length} is not 0
     * @throws ResponseTooLargeException when the body passes the limit, or the JVM cannot hold it; the
     *                                   bytes collected are dropped first
     */
    public void append(byte[] chunk, int offset, int length) {
        if (length == 0) {
            return;
        }
        ensureRoom(length);
        System.arraycopy(chunk, offset, bytes, size, length);
        size += length;
    }

    private void ensureRoom(int length) {
        if (bytes == null) {
            throw new IllegalStateException("the body was already handed over or dropped");
        }
        long needed = (long) size + length;
        if (needed > limit) {
            drop();
            throw new ResponseTooLargeException(host, limit, null);
        }
        if (needed <= bytes.length) {
            return;
        }
        // Growing geometrically keeps the copies linear in the body's size. A declared length is reached in
        // steps of eight times what arrived, up to an eighth of it, then at once: what is allocated stays
        // within eight times what the server really sent, and the last copy moves an eighth of the body.
        long target;
        if (declared >= needed) {
            long eighth = declared / 8;
            target = needed > eighth ? declared : Math.min(8 * needed, eighth);
        } else {
            target = Math.max(needed, 2L * bytes.length);
        }
        int capacity = (int) Math.min(limit, Math.max(needed, target));
        byte[] grown = allocateOrNull(capacity);
        if (grown == null) {
            drop(); // before building the failure: the heap is short, and what was collected is lost anyway
            throw ResponseTooLargeException.outOfMemory(host, limit, capacity, null);
        }
        System.arraycopy(bytes, 0, grown, 0, size);
        bytes = grown;
    }

    /**
     * A new array, or {@code null} when the heap cannot hold it: the caller drops what it holds before it
     * builds the failure, which needs memory too.
     */
    private static byte[] allocateOrNull(int capacity) {
        try {
            return new byte[capacity];
        } catch (OutOfMemoryError e) {
            return null;
        }
    }

    /** Forgets the bytes collected, e.g. when the exchange failed, so that they can be collected. */
    public void drop() {
        bytes = null;
        size = 0;
    }

    /**
     * The response with this body; the array is handed over, not copied, and this buffer is empty after.
     *
     * @param status  the HTTP status code
     * @param headers the response headers
     * @return the response
     * @throws IllegalStateException if the body was already handed over or dropped
     */
    public TransportResponse toResponse(int status, Headers headers) {
        if (bytes == null) {
            throw new IllegalStateException("the body was already handed over or dropped");
        }
        TransportResponse response = new TransportResponse(status, headers, bytes, size);
        drop();
        return response;
    }
}
