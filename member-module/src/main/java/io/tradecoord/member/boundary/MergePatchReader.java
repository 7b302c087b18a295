package io.tradecoord.member.boundary;

import io.tradecoord.coordination.http.Problem;
import io.tradecoord.coordination.http.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Reads a profile merge patch with JSON-P rather than JSON-B, because a merge patch must tell "field left out"
 * (keep it) from "field set to null" (remove it, which a profile field cannot be): JSON-B maps both to null.
 */
final class MergePatchReader {

    static final List<String> FIELDS = List.of("email", "displayName");

    private MergePatchReader() {
    }

    /**
     * @throws ProblemException 400 for a missing or malformed body, a body that is not an object, an unknown field,
     *                          or a field that is null or not a string
     */
    static ProfilePatch read(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("Missing request body", "this request needs a JSON body");
        }
        JsonValue parsed;
        try (JsonParser parser = Json.createParser(new StringReader(body))) {
            parser.next();
            parsed = parser.getValue();
            if (parser.hasNext()) { // a reader would ignore what follows the value
                throw malformed("there is more after the JSON value");
            }
        } catch (JsonException | NoSuchElementException | IllegalStateException e) {
            throw malformed(e.getMessage());
        }
        if (!(parsed instanceof JsonObject patch)) {
            throw ProblemException.badRequest("Malformed JSON", "the request body must be a JSON object, was " + parsed.getValueType());
        }
        Map<String, String> violations = new TreeMap<>();
        for (var entry : patch.entrySet()) {
            String field = entry.getKey();
            JsonValue value = entry.getValue();
            if (!FIELDS.contains(field)) {
                violations.put(field, "is not a field of a member profile (fields: " + String.join(", ", FIELDS) + ")");
            } else if (value.getValueType() == JsonValue.ValueType.NULL) {
                violations.put(field, "cannot be removed; leave it out to keep it");
            } else if (!(value instanceof JsonString)) {
                violations.put(field, "must be a string");
            }
        }
        if (!violations.isEmpty()) {
            var list = Json.createArrayBuilder();
            violations.forEach((field, message) -> list.add(Json.createObjectBuilder().add("field", field).add("message", message)));
            String detail = String.join("; ", violations.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
            throw new ProblemException(new Problem(400, "Invalid request", detail).with("violations", list.build()));
        }
        return new ProfilePatch(text(patch, "email"), text(patch, "displayName"));
    }

    private static ProblemException malformed(String why) {
        return ProblemException.badRequest("Malformed JSON", "the request body is not valid JSON: " + why);
    }

    private static String text(JsonObject patch, String field) {
        return patch.containsKey(field) ? patch.getString(field) : null;
    }
}
