-- The read model of the ledger, rebuilt from the event topic. Every row remembers the sequence of the
-- event that wrote it, so lists come back in the order things happened.
-- No foreign keys between read-model tables on purpose: the writer validates relations, and a projection
-- must never get stuck on an event because of a constraint the event stream does not promise.

-- How far each debate's projection has got: the row locked (SELECT ... FOR UPDATE) by every event transaction.
CREATE TABLE debate_progress (
    debate_id     text        PRIMARY KEY,
    last_sequence bigint      NOT NULL DEFAULT 0 CHECK (last_sequence >= 0),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE debate (
    debate_id   text        PRIMARY KEY,
    title       text        NOT NULL,
    description text,
    opened_at   timestamptz NOT NULL,
    sequence    bigint      NOT NULL
);

CREATE TABLE participant (
    debate_id      text        NOT NULL,
    participant_id text        NOT NULL,
    display_name   text        NOT NULL,
    joined_at      timestamptz NOT NULL,
    sequence       bigint      NOT NULL,
    PRIMARY KEY (debate_id, participant_id)
);
CREATE INDEX participant_in_order ON participant (debate_id, sequence);

CREATE TABLE claim (
    debate_id text        NOT NULL,
    claim_id  text        NOT NULL,
    statement text        NOT NULL,
    stated_by text        NOT NULL,
    stated_at timestamptz NOT NULL,
    sequence  bigint      NOT NULL,
    PRIMARY KEY (debate_id, claim_id)
);
CREATE INDEX claim_in_order ON claim (debate_id, sequence);

CREATE TABLE reason (
    debate_id   text        NOT NULL,
    reason_id   text        NOT NULL,
    claim_id    text        NOT NULL,
    stance      text        NOT NULL CHECK (stance IN ('for', 'against')),
    text        text        NOT NULL,
    author      text        NOT NULL,
    in_reply_to text,
    proposed_at timestamptz NOT NULL,
    sequence    bigint      NOT NULL,
    PRIMARY KEY (debate_id, reason_id)
);
CREATE INDEX reason_in_order ON reason (debate_id, sequence);

-- The current acknowledgement of a reason by a participant (a later "conceded" replaces an earlier "noted").
CREATE TABLE acknowledgement (
    debate_id       text        NOT NULL,
    reason_id       text        NOT NULL,
    participant_id  text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('noted', 'conceded')),
    note            text,
    acknowledged_at timestamptz NOT NULL,
    sequence        bigint      NOT NULL,
    PRIMARY KEY (debate_id, reason_id, participant_id)
);
CREATE INDEX acknowledgement_in_order ON acknowledgement (debate_id, sequence);

-- Each participant's latest view on each claim.
CREATE TABLE current_belief (
    debate_id      text             NOT NULL,
    participant_id text             NOT NULL,
    claim_id       text             NOT NULL,
    credence       double precision NOT NULL CHECK (credence >= 0 AND credence <= 1),
    rationale      text,
    because_of     text[]           NOT NULL,
    since          timestamptz      NOT NULL,
    sequence       bigint           NOT NULL,
    PRIMARY KEY (debate_id, participant_id, claim_id)
);
CREATE INDEX current_belief_by_claim ON current_belief (debate_id, claim_id);

-- Every view change ever made: the history, never updated.
CREATE TABLE view_change (
    debate_id      text             NOT NULL,
    sequence       bigint           NOT NULL,
    participant_id text             NOT NULL,
    claim_id       text             NOT NULL,
    from_credence  double precision,
    to_credence    double precision NOT NULL,
    rationale      text,
    because_of     text[]           NOT NULL,
    changed_at     timestamptz      NOT NULL,
    PRIMARY KEY (debate_id, sequence)
);
CREATE INDEX view_change_by_participant ON view_change (debate_id, participant_id, sequence);

-- Events that arrived ahead of a missing sequence, kept verbatim until the gap is filled.
CREATE TABLE pending_event (
    debate_id   text        NOT NULL,
    sequence    bigint      NOT NULL,
    event_id    text        NOT NULL,
    type        text        NOT NULL,
    version     integer     NOT NULL,
    record      text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (debate_id, sequence)
);

-- Events this reader cannot understand (unknown type, newer version): their sequence counts as applied.
CREATE TABLE skipped_event (
    debate_id  text        NOT NULL,
    sequence   bigint      NOT NULL,
    event_id   text        NOT NULL,
    type       text        NOT NULL,
    version    integer     NOT NULL,
    reason     text        NOT NULL CHECK (reason IN ('UNKNOWN_TYPE', 'NEWER_VERSION')),
    detail     text,
    skipped_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (debate_id, sequence)
);
