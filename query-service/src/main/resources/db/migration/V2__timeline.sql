-- Every applied event of a debate, one row per sequence, written by the projector in the same transaction
-- as the other read-model tables. Serves the timeline and resolves ?asOf= instants to debate sequences.
-- participant_id is the actor (null for DebateOpened); claim_id is also set for acknowledgements (the
-- acknowledged reason's claim); details is the event payload as JSON.
CREATE TABLE timeline_entry (
    debate_id      text        NOT NULL,
    sequence       bigint      NOT NULL,
    type           text        NOT NULL,
    at             timestamptz NOT NULL,
    participant_id text,
    claim_id       text,
    reason_id      text,
    summary        text        NOT NULL,
    details        jsonb       NOT NULL,
    PRIMARY KEY (debate_id, sequence)
);
CREATE INDEX timeline_entry_by_participant ON timeline_entry (debate_id, participant_id, sequence);
CREATE INDEX timeline_entry_by_claim ON timeline_entry (debate_id, claim_id, sequence);
CREATE INDEX timeline_entry_by_time ON timeline_entry (debate_id, at, sequence);

-- Backfill from the V1 tables. Complete except for acknowledgements that a later one by the same participant
-- on the same reason replaced (V1 kept only the latest): replay the topic into an empty database to get those.
INSERT INTO timeline_entry (debate_id, sequence, type, at, participant_id, claim_id, reason_id, summary, details)
SELECT debate_id, sequence, 'DebateOpened', opened_at, NULL, NULL, NULL,
       'debate opened: "' || title || '"',
       jsonb_build_object('debateId', debate_id, 'title', title, 'description', description)
FROM debate
UNION ALL
SELECT debate_id, sequence, 'ParticipantJoined', joined_at, participant_id, NULL, NULL,
       participant_id || ' joined as "' || display_name || '"',
       jsonb_build_object('debateId', debate_id, 'participantId', participant_id, 'displayName', display_name)
FROM participant
UNION ALL
SELECT debate_id, sequence, 'ClaimStated', stated_at, stated_by, claim_id, NULL,
       stated_by || ' stated ' || claim_id || ': "' || statement || '"',
       jsonb_build_object('debateId', debate_id, 'claimId', claim_id, 'statement', statement, 'by', stated_by)
FROM claim
UNION ALL
SELECT debate_id, sequence, 'ReasonProposed', proposed_at, author, claim_id, reason_id,
       author || ' proposed ' || reason_id || ' ' || stance || ' ' || claim_id
           || coalesce(' in reply to ' || in_reply_to, '') || ': "' || text || '"',
       jsonb_build_object('debateId', debate_id, 'reasonId', reason_id, 'claimId', claim_id, 'stance', stance,
                          'text', text, 'by', author, 'inReplyTo', in_reply_to)
FROM reason
UNION ALL
SELECT a.debate_id, a.sequence, 'ReasonAcknowledged', a.acknowledged_at, a.participant_id, r.claim_id, a.reason_id,
       a.participant_id || ' ' || a.kind || ' ' || a.reason_id || coalesce(': "' || a.note || '"', ''),
       jsonb_build_object('debateId', a.debate_id, 'reasonId', a.reason_id, 'by', a.participant_id, 'kind', a.kind,
                          'note', a.note)
FROM acknowledgement a
LEFT JOIN reason r ON r.debate_id = a.debate_id AND r.reason_id = a.reason_id
UNION ALL
SELECT debate_id, sequence, 'ViewUpdated', changed_at, participant_id, claim_id, NULL,
       participant_id
           || CASE WHEN from_credence IS NULL THEN ' set ' || claim_id || ' at ' || to_char(to_credence::numeric, 'FM0.00')
                   ELSE ' moved ' || claim_id || ' from ' || to_char(from_credence::numeric, 'FM0.00')
                            || ' to ' || to_char(to_credence::numeric, 'FM0.00') END
           || ' citing ' || CASE cardinality(because_of) WHEN 0 THEN 'no reason' WHEN 1 THEN '1 reason'
                                 ELSE cardinality(because_of) || ' reasons' END,
       jsonb_build_object('debateId', debate_id, 'participantId', participant_id, 'claimId', claim_id,
                          'credence', to_credence, 'previousCredence', from_credence, 'rationale', rationale,
                          'becauseOf', to_jsonb(because_of))
FROM view_change
ON CONFLICT (debate_id, sequence) DO NOTHING;
