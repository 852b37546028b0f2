DROP INDEX `case_notes_contact_idx`;--> statement-breakpoint
CREATE INDEX `case_notes_contact_idx` ON `case_notes` (`participant_id`,`contact_kind`,`method`,`interaction_date`);