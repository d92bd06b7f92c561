package dev.ledger.query.influence;

import dev.ledger.web.request.RequestParams;

/** Parsing of the influence API's own parameters; 400 naming the parameter. */
final class InfluenceParams {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;

    private InfluenceParams() {
    }

    /** Reason ids are opaque to the read model, like claim ids. */
    static String reasonId(String value) {
        return RequestParams.opaqueId("reasonId", value);
    }

    static int limit(String value) {
        return value == null ? DEFAULT_LIMIT : (int) RequestParams.wholeNumber("limit", value, 1, MAX_LIMIT);
    }
}
