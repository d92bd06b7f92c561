-- Every resolution of a claim and every annulment of one (ClaimResolved, ClaimResolutionAnnulled), never updated:
-- the resolution in force at a debate sequence is the claim's latest row up to it, if that row resolved the claim
-- (outcome set; an annulment has outcome null). Scores, reason credit and engagement are computed on read from this
-- table, view_change, reason and timeline_entry, so a rebuild or a point in time needs nothing else.
CREATE TABLE claim_resolution (
    debate_id  text        NOT NULL,
    sequence   bigint      NOT NULL,
    claim_id   text        NOT NULL,
    outcome    boolean,
    note       text,
    decided_by text        NOT NULL,
    at         timestamptz NOT NULL,
    PRIMARY KEY (debate_id, sequence)
);
CREATE INDEX claim_resolution_by_claim ON claim_resolution (debate_id, claim_id, sequence);
-- Engagement reads a participant's replies (reasons they proposed in reply to another).
CREATE INDEX reason_by_author ON reason (debate_id, author, sequence);
