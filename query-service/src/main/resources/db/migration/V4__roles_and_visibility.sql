-- Who owns a debate, who may read it, and what each participant may do in it: DebateOpened's openedBy and
-- visibility, ParticipantJoined's role, ParticipantInvited and ParticipantRoleChanged. Rows projected before
-- this migration came from version 1 events, which the upcaster reads as public debates without owner joined by
-- members: the defaults below are exactly that, so these rows equal what a rebuild projects.
ALTER TABLE debate ADD COLUMN opened_by text;
ALTER TABLE debate ADD COLUMN visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('private', 'public'));

ALTER TABLE participant ADD COLUMN role text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'member', 'observer'));
-- The sequence of the event that gave the participant its current role: its join, or the latest role change.
ALTER TABLE participant ADD COLUMN role_sequence bigint;
UPDATE participant SET role_sequence = sequence;
ALTER TABLE participant ALTER COLUMN role_sequence SET NOT NULL;

-- The latest invitation of each handle to each debate (inviting again with another role replaces it). Kept after
-- the handle joins: the participant row then says what it may do.
CREATE TABLE invitation (
    debate_id  text        NOT NULL,
    handle     text        NOT NULL,
    role       text        NOT NULL CHECK (role IN ('member', 'observer')),
    invited_by text        NOT NULL,
    invited_at timestamptz NOT NULL,
    sequence   bigint      NOT NULL,
    PRIMARY KEY (debate_id, handle)
);

-- The debates a handle is invited to (what an account may read); the participant lookups are V5's.
CREATE INDEX invitation_by_handle ON invitation (handle, debate_id);

-- Timeline details are the event payloads, now in their version 2 shape: bring the entries written before to it,
-- with the upcaster's values, so they equal what a rebuild writes.
UPDATE timeline_entry SET details = details || '{"openedBy": null, "visibility": "public"}'::jsonb
WHERE type = 'DebateOpened' AND details -> 'visibility' IS NULL;
UPDATE timeline_entry SET details = details || '{"role": "member"}'::jsonb
WHERE type = 'ParticipantJoined' AND details -> 'role' IS NULL;
