-- Full-text search over notes and amendments (external content: the text lives once, in the
-- tables; snippet() and 'rebuild' work). Accent-blind like the participant search.
CREATE VIRTUAL TABLE `case_notes_fts` USING fts5(subject, body, next_steps, content='case_notes', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `case_note_amendments_fts` USING fts5(text, content='case_note_amendments', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `case_notes_fts_ai` AFTER INSERT ON `case_notes` BEGIN INSERT INTO case_notes_fts(rowid, subject, body, next_steps) VALUES (new.id, new.subject, new.body, new.next_steps); END;
--> statement-breakpoint
CREATE TRIGGER `case_note_amendments_fts_ai` AFTER INSERT ON `case_note_amendments` BEGIN INSERT INTO case_note_amendments_fts(rowid, text) VALUES (new.id, new.text); END;
--> statement-breakpoint
-- Records are forever: notes, amendments, the audit log and status history are append-only.
CREATE TRIGGER `case_notes_no_update` BEFORE UPDATE ON `case_notes` BEGIN SELECT RAISE(ABORT, 'case notes are append-only: add an amendment'); END;
--> statement-breakpoint
CREATE TRIGGER `case_notes_no_delete` BEFORE DELETE ON `case_notes` BEGIN SELECT RAISE(ABORT, 'case notes are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `case_note_amendments_no_update` BEFORE UPDATE ON `case_note_amendments` BEGIN SELECT RAISE(ABORT, 'amendments are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `case_note_amendments_no_delete` BEFORE DELETE ON `case_note_amendments` BEGIN SELECT RAISE(ABORT, 'amendments are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `participant_status_changes_no_update` BEFORE UPDATE ON `participant_status_changes` BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `participant_status_changes_no_delete` BEFORE DELETE ON `participant_status_changes` BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;
