package io.pitwall.server.catalog.persistence;

import io.pitwall.protocol.tuf.Envelope;
import tools.jackson.databind.json.JsonMapper;

/** Reports and signed envelopes are stored as JSON text. */
final class CatalogJson {

    private final JsonMapper mapper;

    CatalogJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    String write(Object value) {
        return mapper.writeValueAsString(value);
    }

    <T> T read(String text, Class<T> type) {
        return mapper.readValue(text, type);
    }

    String envelope(Envelope envelope) {
        return envelope == null ? null : mapper.writeValueAsString(envelope.toJson());
    }

    Envelope envelope(String text) {
        return Envelope.fromJson(mapper.readTree(text));
    }
}
