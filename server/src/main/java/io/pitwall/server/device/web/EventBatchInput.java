package io.pitwall.server.device.web;

import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.EventBatch;
import io.pitwall.protocol.device.EventRefusal;
import io.pitwall.protocol.device.EventType;
import io.pitwall.server.shared.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * An events body as the device API reads it: first the batch as a whole, then each event on its own. A batch
 * that cannot be read (not JSON, a key twice, no events, more than {@value EventBatch#MAX_EVENTS}, an event
 * without a whole-number seq of at least 1) is a 400 {@value #CODE}, and a seq given twice is a 400
 * {@value #DUPLICATE_SEQ}: there is no event to name a verdict for. An event that can be read by its seq but
 * not stored (a type this server does not know, a field longer than its column or with control characters, a
 * time outside the years 1-9999, a missing or unreadable field) becomes a refusal of that seq, and the others
 * go on.
 */
record EventBatchInput(List<DeviceEvent> events, List<EventRefusal> refused) {

    static final String CODE = "invalid-event-batch";
    static final String DUPLICATE_SEQ = "duplicate-event-seq";

    static EventBatchInput read(byte[] body) {
        JsonNode root = DeviceInput.tree(body, CODE);
        JsonNode list = root == null || !root.isObject() ? null : root.get("events");
        if (list == null || !list.isArray()) {
            throw ApiException.badRequest(CODE, "The body is a JSON object with an events array");
        }
        if (list.isEmpty()) {
            throw ApiException.badRequest(CODE, "A batch carries at least one event");
        }
        if (list.size() > EventBatch.MAX_EVENTS) {
            throw ApiException.badRequest(CODE, "at most " + EventBatch.MAX_EVENTS + " events per batch");
        }
        List<DeviceEvent> events = new ArrayList<>(list.size());
        List<EventRefusal> refused = new ArrayList<>();
        Set<Long> seqs = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            long seq = seq(node, i);
            if (!seqs.add(seq)) {
                throw ApiException.badRequest(DUPLICATE_SEQ, "seq " + seq + " appears twice in the batch");
            }
            DeviceEvent event;
            try {
                event = DeviceInput.STRICT.treeToValue(node, DeviceEvent.class);
            } catch (RuntimeException e) {
                refused.add(new EventRefusal(seq, EventRefusal.INVALID, DeviceErrors.reason(e)));
                continue;
            }
            String problem = problem(event, node.get("type"));
            if (problem == null) {
                events.add(event);
            } else {
                refused.add(new EventRefusal(
                        seq,
                        event.type() == EventType.UNKNOWN ? EventRefusal.UNKNOWN_TYPE : EventRefusal.INVALID,
                        problem));
            }
        }
        return new EventBatchInput(events, refused);
    }

    private static long seq(JsonNode event, int index) {
        JsonNode seq = event == null || !event.isObject() ? null : event.get("seq");
        if (seq == null) {
            throw ApiException.badRequest(CODE, "event " + index + " is an object with a seq");
        }
        if (!seq.isIntegralNumber() || !seq.canConvertToLong() || seq.longValue() < 1) {
            throw ApiException.badRequest(
                    CODE,
                    "event " + index + ": seq is a whole number from 1 to " + Long.MAX_VALUE + ", not "
                            + shorten(seq.toString()));
        }
        return seq.longValue();
    }

    /** Why the server cannot store this event, or {@code null}. */
    private static String problem(DeviceEvent event, JsonNode type) {
        if (event.type() == EventType.UNKNOWN) {
            return "type " + shorten(type == null ? "null" : type.toString()) + " is not known to this server";
        }
        String[] problems = {
            DeviceInput.instantProblem(event.occurredAt(), "occurredAt"),
            DeviceInput.textProblem(event.assignmentId(), 64, false, "assignmentId"),
            DeviceInput.textProblem(event.ecuSerial(), 64, false, "ecuSerial"),
            DeviceInput.textProblem(event.code(), 100, false, "code"),
            DeviceInput.textProblem(event.detail(), 2000, true, "detail"),
            DeviceInput.textProblem(event.commandId(), 64, false, "commandId")
        };
        for (String problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** A value echoed in an answer: at most 40 characters, control characters replaced. */
    private static String shorten(String text) {
        String clipped = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return clipped.replaceAll("\\p{Cntrl}", "?");
    }
}
