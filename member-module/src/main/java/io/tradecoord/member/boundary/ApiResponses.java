package io.tradecoord.member.boundary;

/** Texts shared by the OpenAPI annotations of the resources. */
final class ApiResponses {

    static final String PROBLEM = "application/problem+json";
    static final String MERGE_PATCH = "application/merge-patch+json";

    static final String BAD_REQUEST = "Malformed JSON, unknown or missing field, invalid value or paging (problem+json with violations)";
    static final String NOT_FOUND = "No such member";
    static final String CONFLICT = "The e-mail address belongs to another member";
    static final String TOO_LARGE = "Body over 64 KiB";
    static final String UNSUPPORTED = "Body not sent as JSON";
    static final String KEY_REUSED = "The Idempotency-Key was used before for a different request";
    static final String IDEMPOTENCY_KEY = "1 to 128 visible ASCII characters: a retry with the same key and body gets the first answer again "
            + "(Idempotent-Replayed: true) and changes nothing";
    static final String BUSY = "The member is being changed by another request for too long; retry (Retry-After: 1)";

    private ApiResponses() {
    }
}
