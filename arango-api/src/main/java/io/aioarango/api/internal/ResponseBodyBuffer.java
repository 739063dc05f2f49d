package io.aioarango.api.internal;

import io.aioarango.api.Host;
import io.aioarango.api.HttpHeaders;
import io.aioarango.api.HttpResponse;
import io.aioarango.api.ResponseTooLargeException;
import java.nio.ByteBuffer;

/**
 * Collects one response body into a single array, so that an answer is held once while it is read: the
 * transport copies each chunk in as it arrives and releases the chunk at once, and the array becomes the
 * {@link HttpResponse}'s body without another copy. A declared length is allocated in one go (and refused
 * at once when over the limit); an unknown length grows the array geometrically, never past the limit.
 * Used by one thread at a time (the connection's).
 */
public final class ResponseBodyBuffer {
    /** The first array for a body of unknown length; it doubles from there. */
    static final int FIRST_CAPACITY = 16 * 1024;
    /** The largest array a JVM can allocate, a few bytes short of {@code Integer.MAX_VALUE}. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final Host host;
    private final long limit;
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
     * @throws ResponseTooLargeException when the declared length is over {@code limit}, or the JVM cannot
     *                                   allocate it
     */
    public static ResponseBodyBuffer forLength(Host host, long declaredLength, long limit) {
        ResponseBodyBuffer buffer = new ResponseBodyBuffer(host, limit);
        if (declaredLength > buffer.limit) {
            throw new ResponseTooLargeException(host, limit, null);
        }
        int capacity = declaredLength >= 0 ? (int) declaredLength : (int) Math.min(buffer.limit, FIRST_CAPACITY);
        buffer.bytes = allocateOrNull(capacity);
        if (buffer.bytes == null) {
            throw ResponseTooLargeException.outOfMemory(host, limit, capacity, null);
        }
        return buffer;
    }

    /** Bytes collected so far. */
    public int size() {
        return size;
    }

    /**
     * Copies the chunk's remaining bytes in and moves its position to its limit.
     *
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

    /** Like {@link #append(ByteBuffer)} for a part of an array. */
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
        // Only a body of unknown length (or one longer than declared) grows: doubling keeps the copies
        // linear in the body's size.
        int capacity = (int) Math.min(limit, Math.max(needed, 2L * bytes.length));
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

    /** The response with this body; the array is handed over, not copied, and this buffer is empty after. */
    public HttpResponse toResponse(int status, HttpHeaders headers) {
        if (bytes == null) {
            throw new IllegalStateException("the body was already handed over or dropped");
        }
        HttpResponse response = HttpResponse.ofOwnedBody(status, headers, bytes, size);
        drop();
        return response;
    }
}
