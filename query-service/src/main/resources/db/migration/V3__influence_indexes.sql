-- Influence queries find the view changes citing a reason with because_of @> ARRAY[reason_id]. Reason ids are
-- UUIDs issued by command-service, so the array index alone is selective; debate_id is filtered on the rows found.
CREATE INDEX view_change_because_of ON view_change USING gin (because_of);
