package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.List;
import java.util.Map;

/**
 * A server's storage engine, the body of its {@code GET /_api/engine}.
 *
 * @param name             e.g. {@code rocksdb}
 * @param supportedIndexes the index types the engine supports, from {@code supports.indexes}
 * @param supports         the whole {@code supports} object (index types, aliases, …)
 * @param extra            every field this record does not model
 */
public record ServerEngine(
        String name,
        List<String> supportedIndexes,
        Map<String, Object> supports,
        Map<String, Object> extra) {

    /**
     * Copies the lists and maps into unmodifiable ones that keep their order; {@code null} becomes empty.
     *
     * @param name             e.g. {@code rocksdb}
     * @param supportedIndexes the index types the engine supports, from {@code supports.indexes}
     * @param supports         the whole {@code supports} object (index types, aliases, …)
     * @param extra            every field this record does not model
     */
    public ServerEngine {
        supportedIndexes = Immutables.list(supportedIndexes);
        supports = Immutables.map(supports);
        extra = Immutables.map(extra);
    }
}
