-- /participants/{participantId}/beliefs looks a participant up across every debate: without these, both of its
-- queries scanned the whole participant and current_belief tables (their keys begin with debate_id). A rebuild
-- copies every index of the live tables, so the rebuilt tables get these too.
CREATE INDEX participant_by_participant ON participant (participant_id, debate_id);
CREATE INDEX current_belief_by_participant ON current_belief (participant_id, debate_id);
