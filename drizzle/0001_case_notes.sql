CREATE TABLE `case_note_amendments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`note_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`author_id` text NOT NULL,
	`amended_at` text NOT NULL,
	`reason` text NOT NULL,
	`text` text NOT NULL,
	`next_appointment_at` text,
	`next_appointment_date` text,
	`check_warnings` text,
	`check_choice` text NOT NULL,
	`slack_view_id` text,
	`slack_view_hash` text,
	FOREIGN KEY (`note_id`) REFERENCES `case_notes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `staff`(`slack_user_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `amendments_note_idx` ON `case_note_amendments` (`note_id`,`id`);--> statement-breakpoint
CREATE INDEX `amendments_appointment_idx` ON `case_note_amendments` (`next_appointment_date`,`participant_id`) WHERE next_appointment_date IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `amendments_view_unique` ON `case_note_amendments` (`slack_view_id`,`slack_view_hash`) WHERE slack_view_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `case_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`author_id` text NOT NULL,
	`source` text NOT NULL,
	`contact_kind` text NOT NULL,
	`method` text NOT NULL,
	`collateral_name` text,
	`collateral_relationship` text,
	`interaction_at` text NOT NULL,
	`interaction_tz` text NOT NULL,
	`interaction_date` text NOT NULL,
	`interaction_time_known` integer NOT NULL,
	`entered_at` text NOT NULL,
	`location` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`others_present` text,
	`next_steps` text,
	`next_appointment_at` text,
	`next_appointment_date` text,
	`timeliness` text NOT NULL,
	`note_due_days` integer NOT NULL,
	`late_explanation` text,
	`check_warnings` text,
	`check_choice` text NOT NULL,
	`source_permalink` text,
	`slack_view_id` text,
	`slack_view_hash` text,
	`quick_entry_hash` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `staff`(`slack_user_id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "case_notes_collateral_named" CHECK(contact_kind <> 'collateral' OR collateral_name IS NOT NULL),
	CONSTRAINT "case_notes_appointment_dated" CHECK(next_appointment_at IS NULL OR next_appointment_date IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX `case_notes_participant_idx` ON `case_notes` (`participant_id`,`interaction_at`);--> statement-breakpoint
CREATE INDEX `case_notes_contact_idx` ON `case_notes` (`participant_id`,`contact_kind`,`method`,`interaction_at`);--> statement-breakpoint
CREATE INDEX `case_notes_author_entered_idx` ON `case_notes` (`author_id`,`entered_at`,`timeliness`);--> statement-breakpoint
CREATE INDEX `case_notes_appointment_idx` ON `case_notes` (`next_appointment_date`,`participant_id`) WHERE next_appointment_date IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `case_notes_view_unique` ON `case_notes` (`slack_view_id`,`slack_view_hash`) WHERE slack_view_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `case_notes_quick_entry_idx` ON `case_notes` (`author_id`,`quick_entry_hash`,`entered_at`) WHERE quick_entry_hash IS NOT NULL;--> statement-breakpoint
CREATE TABLE `employment_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`note_id` integer NOT NULL,
	`kind` text NOT NULL,
	`employer_name` text NOT NULL,
	`job_title` text,
	`effective_date` text NOT NULL,
	`wage_cents` integer,
	`wage_period` text,
	`hours_per_week` real,
	`supersedes_id` integer,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`note_id`) REFERENCES `case_notes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supersedes_id`) REFERENCES `employment_changes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `employment_participant_idx` ON `employment_changes` (`participant_id`,`effective_date`);--> statement-breakpoint
CREATE TABLE `needs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`category` text NOT NULL,
	`description` text NOT NULL,
	`impact` text,
	`source` text NOT NULL,
	`source_note_id` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`met_date` text,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_note_id`) REFERENCES `case_notes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "needs_met_dated" CHECK((status = 'met') = (met_date IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `needs_participant_idx` ON `needs` (`participant_id`,`status`);--> statement-breakpoint
CREATE TABLE `processed_slack_requests` (
	`key` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`received_at` text NOT NULL,
	`result` text
);
--> statement-breakpoint
CREATE INDEX `processed_received_idx` ON `processed_slack_requests` (`received_at`);