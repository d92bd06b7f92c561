-- Axon's JDBC event store and token store (column names as configured in AxonStorageConfiguration),
-- plus the Idempotency-Key table. Axon's own schema creation is never called.

-- global_index: an identity column increments by exactly 1 per insert (no allocation blocks); gaps only
-- come from rolled-back inserts and are handled by the streaming processor's gap-aware token.
CREATE TABLE domain_event_entry (
    global_index         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    -- two writers appending the same position of one debate: one wins, the other gets a ConcurrencyException
    CONSTRAINT domain_event_entry_aggregate_sequence_uk UNIQUE (aggregate_identifier, sequence_number),
    CONSTRAINT domain_event_entry_event_identifier_uk UNIQUE (event_identifier)
);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregate_identifier, sequence_number),
    CONSTRAINT snapshot_event_entry_event_identifier_uk UNIQUE (event_identifier)
);

CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- The first answer given for an Idempotency-Key, written in the same transaction as the command's events.
-- response_* are filled before commit; a row is only ever visible to others with its answer.
CREATE TABLE idempotency_key (
    idempotency_key     VARCHAR(200) PRIMARY KEY,
    request_fingerprint CHAR(64)     NOT NULL,
    response_status     INTEGER,
    response_body       TEXT,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);
