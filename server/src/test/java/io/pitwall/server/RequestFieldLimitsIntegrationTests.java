package io.pitwall.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.cases.OpenCase;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.TestFleet;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every text field of every management request is bounded, and the bound holds: read from the live OpenAPI
 * document, each string property of each {@code /api/**} request body (nested objects, array items and map
 * values too) declares a {@code maxLength}, one character more is refused with a 4xx problem+json code and
 * stores nothing, and exactly the limit is never a server error (a limit above its column would be). A new
 * field without a limit, or a new operation without a fixture in {@link RequestFixtures}, fails here.
 * Runs on H2 only: limits are validated before any SQL, and the columns are alike on both databases.
 */
class RequestFieldLimitsIntegrationTests {

    /** A string property of a request body: its path ({@code []} an array item, {@code {}} a map value). */
    record Field(List<String> path, Integer maxLength, boolean bounded) {

        @Override
        public String toString() {
            return String.join(".", path);
        }
    }

    /** Tables written in the background (audit chaining, leases, repository re-signing), not by a request. */
    private static final Set<String> BACKGROUND_TABLES = Set.of(
            "audit_intake",
            "audit_record",
            "audit_head",
            "lease",
            "flyway_schema_history",
            "repository_metadata",
            "director_vehicle",
            "director_change",
            "fault_pattern_delta",
            "fault_pattern_day",
            "fault_pattern_count",
            "fault_pattern_week");

    private static final AtomicInteger FILLERS = new AtomicInteger();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    abstract static class Contract extends IntegrationTest {

        @Autowired
        @Qualifier("requestMappingHandlerMapping")
        RequestMappingHandlerMapping handlers;

        @Autowired
        OpenCase openCase;

        @Test
        void everyStringFieldOfEveryRequestBodyDeclaresAMaximumLength() {
            Map<String, List<Field>> fields = requestFields();

            assertThat(fields).as("request bodies found in the API document").hasSizeGreaterThan(30);
            assertThat(fields.get("POST /api/v1/vehicles"))
                    .extracting(Field::toString)
                    .as("nested fields followed")
                    .contains("ecus.[].serial", "tags.[]", "attributes.{}");
            assertThat(fields.get("POST /api/v1/campaigns"))
                    .extracting(Field::toString)
                    .contains("schedule.maintenanceWindows.[].cron", "schedule.vehicleState.allowedRegions.[]");
            assertThat(fields.get("PUT /api/v1/campaigns/{id}/waves"))
                    .extracting(Field::toString)
                    .contains("waves.[].selector", "abortCriteria.[].failureType");
            List<String> unbounded = fields.entrySet().stream()
                    .flatMap(
                            e -> e.getValue().stream().filter(f -> !f.bounded()).map(f -> e.getKey() + " " + f))
                    .toList();
            assertThat(unbounded).as("string fields without a maxLength").isEmpty();
        }

        /**
         * Schemas are named by the record's simple name: two request records of one name (bodies or records within
         * them) would share one schema, and the document would describe one of them wrongly.
         */
        @Test
        void everyRequestRecordHasASchemaNameOfItsOwn() {
            Map<String, Set<String>> byName = new TreeMap<>();
            handlers.getHandlerMethods().values().forEach(method -> {
                for (MethodParameter parameter : method.getMethodParameters()) {
                    if (parameter.hasParameterAnnotation(RequestBody.class)) {
                        records(parameter.getGenericParameterType(), byName);
                    }
                }
            });
            assertThat(byName).as("request records").hasSizeGreaterThan(40);
            assertThat(byName.entrySet().stream()
                            .filter(e -> e.getValue().size() > 1)
                            .map(Map.Entry::getValue))
                    .as("request records sharing a simple name")
                    .isEmpty();
        }

        private static void records(Type type, Map<String, Set<String>> byName) {
            if (type instanceof ParameterizedType parameterized) {
                for (Type argument : parameterized.getActualTypeArguments()) {
                    records(argument, byName);
                }
            } else if (type instanceof Class<?> record
                    && record.isRecord()
                    && byName.computeIfAbsent(record.getSimpleName(), n -> new TreeSet<>())
                            .add(record.getName())) {
                for (RecordComponent component : record.getRecordComponents()) {
                    records(component.getGenericType(), byName);
                }
            }
        }

        @Test
        void aStringFieldOverItsLimitIsRefusedAndAtItsLimitIsNoServerError() {
            var fixtures = new RequestFixtures(admin, this::operatorWith, new TestFleet(jdbc, admin), openCase);
            Map<String, List<Field>> fields = requestFields();
            List<String> failures = new ArrayList<>();
            int sent = 0;
            for (var operation : fields.entrySet()) {
                String key = operation.getKey();
                var fixture = fixtures.of(key);
                if (fixture.isEmpty()) {
                    failures.add(key + ": no fixture in RequestFixtures");
                    continue;
                }
                try {
                    sent += sweep(key, fixture.get(), operation.getValue(), failures);
                } catch (RuntimeException e) {
                    failures.add(key + ": " + e);
                }
            }
            assertThat(sent).as("requests sent").isGreaterThan(100);
            assertThat(failures).isEmpty();
        }

        /** Sends each field over and at its limit, and the fixture's own request; answers how many were sent. */
        private int sweep(String key, RequestFixtures.Fixture fixture, List<Field> fields, List<String> failures) {
            int sent = 0;
            String method = key.substring(0, key.indexOf(' '));
            List<String> refusalCodes = new ArrayList<>();
            for (Field field : fields) {
                var call = fixture.call();
                int length = field.maxLength() == null ? 10_000 : field.maxLength() + 1;
                set(call.body(), field.path(), filler(length));
                long rowsBefore = rows();
                var answer = send(call, method);
                sent++;
                String what = key + " " + field + " with " + length + " characters";
                if (answer.status() < 400 || answer.status() >= 500) {
                    failures.add(what + ": " + answer.status() + " " + clip(answer.body()));
                } else if (!answer.contentType().startsWith("application/problem+json") || answer.code() == null) {
                    failures.add(what + ": no problem+json code: " + clip(answer.body()));
                } else {
                    refusalCodes.add(answer.code() + " (" + field + ")");
                }
                if (rows() != rowsBefore) {
                    failures.add(what + ": a refused request stored rows");
                }
            }
            var baseline = send(fixture.call(), method);
            String expected = fixture.refusedWith();
            if (expected == null && (baseline.status() < 200 || baseline.status() >= 300)) {
                failures.add(
                        key + ": the fixture's own request failed: " + baseline.status() + " " + clip(baseline.body()));
            } else if (expected != null && !expected.equals(baseline.code())) {
                failures.add(key + ": the fixture's own request was to be refused with " + expected + ", not "
                        + baseline.status() + " " + clip(baseline.body()));
            } else if (expected != null) {
                refusalCodes.stream()
                        .filter(c -> c.startsWith(expected + " "))
                        .forEach(c -> failures.add(key
                                + ": an over-long field was refused for the fixture's state, not its length: " + c));
            }
            for (Field field : fields) {
                if (field.maxLength() == null) {
                    continue;
                }
                var call = fixture.call();
                set(call.body(), field.path(), filler(field.maxLength()));
                var answer = send(call, method);
                sent++;
                if (answer.status() >= 500) {
                    failures.add(key + " " + field + " at its limit of " + field.maxLength() + ": " + answer.status()
                            + " " + clip(answer.body()));
                }
            }
            return sent;
        }

        private ApiClient.Response send(RequestFixtures.Call call, String method) {
            return call.client().send(method, call.path(), "application/json", JSON.writeValueAsBytes(call.body()));
        }

        /** Every string property of every JSON request body under /api, by "METHOD /path". */
        private Map<String, List<Field>> requestFields() {
            JsonNode document = api.get("/v3/api-docs").json();
            JsonNode schemas = document.get("components").get("schemas");
            Map<String, List<Field>> found = new TreeMap<>();
            for (var path : document.get("paths").properties()) {
                if (!path.getKey().startsWith("/api/")) {
                    continue;
                }
                for (var operation : path.getValue().properties()) {
                    JsonNode body = operation
                            .getValue()
                            .path("requestBody")
                            .path("content")
                            .path("application/json");
                    if (body.isMissingNode()) {
                        continue;
                    }
                    List<Field> fields = new ArrayList<>();
                    collect(body.get("schema"), schemas, new ArrayList<>(), fields, Set.of());
                    if (!fields.isEmpty()) {
                        found.put(operation.getKey().toUpperCase() + " " + path.getKey(), fields);
                    }
                }
            }
            return found;
        }

        private static void collect(
                JsonNode schema, JsonNode schemas, List<String> path, List<Field> out, Set<String> seen) {
            if (schema == null) {
                return;
            }
            if (schema.has("$ref")) {
                String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
                if (seen.contains(name)) {
                    return;
                }
                var deeper = new HashSet<>(seen);
                deeper.add(name);
                collect(schemas.get(name), schemas, path, out, deeper);
                return;
            }
            if (isString(schema)) {
                boolean bounded = schema.has("maxLength")
                        || schema.has("enum")
                        || schema.has("pattern")
                        || schema.has("format")
                                && !"binary".equals(schema.get("format").asString());
                out.add(new Field(
                        List.copyOf(path),
                        schema.has("maxLength") ? schema.get("maxLength").asInt() : null,
                        bounded));
                return;
            }
            for (var property : schema.path("properties").properties()) {
                path.add(property.getKey());
                collect(property.getValue(), schemas, path, out, seen);
                path.remove(path.size() - 1);
            }
            if (schema.has("items")) {
                path.add("[]");
                collect(schema.get("items"), schemas, path, out, seen);
                path.remove(path.size() - 1);
            }
            if (schema.path("additionalProperties").isObject()) {
                path.add("{}");
                collect(schema.get("additionalProperties"), schemas, path, out, seen);
                path.remove(path.size() - 1);
            }
        }

        private static boolean isString(JsonNode schema) {
            JsonNode type = schema.get("type");
            if (type == null) {
                return false;
            }
            if (type.isArray()) {
                for (JsonNode t : type) {
                    if ("string".equals(t.asString())) {
                        return true;
                    }
                }
                return false;
            }
            return "string".equals(type.asString());
        }

        /** Rows in every table a request may write. */
        private long rows() {
            List<String> tables = jdbc.sql("""
                    SELECT LOWER(table_name) FROM information_schema.tables
                    WHERE LOWER(table_schema) = LOWER(CURRENT_SCHEMA) AND table_type IN ('BASE TABLE', 'TABLE')""").query(String.class).list().stream()
                    .filter(t -> !BACKGROUND_TABLES.contains(t))
                    .toList();
            assertThat(tables).as("tables counted").hasSizeGreaterThan(20);
            String sql = tables.stream()
                    .map(t -> "SELECT COUNT(*) AS n FROM " + t)
                    .collect(Collectors.joining(" UNION ALL ", "SELECT SUM(n) FROM (", ") t"));
            return jdbc.sql(sql).query(Long.class).single();
        }
    }

    /** Sets the value at the path, making the objects, first array items and map entries on the way. */
    @SuppressWarnings("unchecked")
    static void set(Map<String, Object> body, List<String> path, String value) {
        Object container = body;
        for (int i = 0; i < path.size(); i++) {
            String step = path.get(i);
            boolean last = i == path.size() - 1;
            String nextStep = last ? null : path.get(i + 1);
            if (container instanceof Map<?, ?> map) {
                var object = (Map<String, Object>) map;
                String name = "{}".equals(step) ? "k" : step;
                if (last) {
                    object.put(name, value);
                } else {
                    object.computeIfAbsent(
                            name, n -> "[]".equals(nextStep) ? new ArrayList<>() : new LinkedHashMap<>());
                    container = object.get(name);
                }
            } else if (container instanceof List<?> list) {
                var items = (List<Object>) list;
                if (last) {
                    if (items.isEmpty()) {
                        items.add(value);
                    } else {
                        items.set(0, value);
                    }
                } else {
                    if (items.isEmpty()) {
                        items.add("[]".equals(nextStep) ? new ArrayList<>() : new LinkedHashMap<>());
                    }
                    container = items.get(0);
                }
            } else {
                throw new IllegalStateException("cannot follow " + path + " at " + step);
            }
        }
    }

    /** Text of exactly this length, different on every call (so names stay unique): digits, then x. */
    static String filler(int length) {
        String start = String.valueOf(FILLERS.incrementAndGet());
        StringBuilder text = new StringBuilder(start.length() > length ? start.substring(0, length) : start);
        while (text.length() < length) {
            text.append('x');
        }
        return text.toString();
    }

    private static String clip(String body) {
        return body == null || body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }

    @Nested
    class OnH2 extends Contract {}
}
