CREATE TABLE `assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`assessment_date` text NOT NULL,
	`tool` text NOT NULL,
	`instrument_name` text,
	`summary` text NOT NULL,
	`note_id` integer,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`note_id`) REFERENCES `case_notes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessments_participant_idx` ON `assessments` (`participant_id`,`assessment_date`);--> statement-breakpoint
CREATE TABLE `case_note_goals` (
	`note_id` integer NOT NULL,
	`goal_id` integer NOT NULL,
	`progress` text NOT NULL,
	PRIMARY KEY(`note_id`, `goal_id`),
	FOREIGN KEY (`note_id`) REFERENCES `case_notes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_note_goals_goal_idx` ON `case_note_goals` (`goal_id`);--> statement-breakpoint
CREATE TABLE `case_note_services` (
	`note_id` integer NOT NULL,
	`service_id` integer NOT NULL,
	`update_kind` text NOT NULL,
	`outcome` text,
	PRIMARY KEY(`note_id`, `service_id`),
	FOREIGN KEY (`note_id`) REFERENCES `case_notes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "case_note_services_outcome" CHECK(update_kind <> 'completed' OR outcome IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX `case_note_services_service_idx` ON `case_note_services` (`service_id`,`note_id`);--> statement-breakpoint
CREATE TABLE `goals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`term` text NOT NULL,
	`parent_goal_id` integer,
	`specific` text NOT NULL,
	`measure` text NOT NULL,
	`attainable_relevant` text NOT NULL,
	`target_date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`achieved_date` text,
	`is_cm_outcome` integer DEFAULT false NOT NULL,
	`outcome_quarter` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "goals_achieved_dated" CHECK((status = 'achieved') = (achieved_date IS NOT NULL)),
	CONSTRAINT "goals_outcome_quarter" CHECK(is_cm_outcome = 0 OR outcome_quarter IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX `goals_participant_idx` ON `goals` (`participant_id`,`status`,`target_date`);--> statement-breakpoint
CREATE INDEX `goals_outcome_idx` ON `goals` (`participant_id`,`outcome_quarter`) WHERE is_cm_outcome = 1;--> statement-breakpoint
CREATE TABLE `plan_acknowledgments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_version_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`initials` text NOT NULL,
	`acknowledged_date` text NOT NULL,
	`copy_given` integer NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`plan_version_id`) REFERENCES `plan_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_acknowledgments_version_unique` ON `plan_acknowledgments` (`plan_version_id`);--> statement-breakpoint
CREATE TABLE `plan_version_items` (
	`plan_version_id` integer NOT NULL,
	`item_kind` text NOT NULL,
	`item_id` integer NOT NULL,
	PRIMARY KEY(`plan_version_id`, `item_kind`, `item_id`),
	FOREIGN KEY (`plan_version_id`) REFERENCES `plan_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_items_item_idx` ON `plan_version_items` (`item_kind`,`item_id`,`plan_version_id`);--> statement-breakpoint
CREATE TABLE `plan_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`version_no` integer NOT NULL,
	`reason` text NOT NULL,
	`change_summary` text NOT NULL,
	`plan_kinds` text NOT NULL,
	`snapshot_json` text NOT NULL,
	`pdf_file_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_versions_unique` ON `plan_versions` (`participant_id`,`version_no`);--> statement-breakpoint
CREATE TABLE `referral_needs` (
	`referral_id` integer NOT NULL,
	`need_id` integer NOT NULL,
	PRIMARY KEY(`referral_id`, `need_id`),
	FOREIGN KEY (`referral_id`) REFERENCES `referrals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`need_id`) REFERENCES `needs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referral_needs_need_idx` ON `referral_needs` (`need_id`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`partner_name` text NOT NULL,
	`status` text DEFAULT 'sent' NOT NULL,
	`sent_date` text NOT NULL,
	`status_date` text NOT NULL,
	`review_date` text NOT NULL,
	`outcome` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referrals_participant_idx` ON `referrals` (`participant_id`,`status`,`review_date`);--> statement-breakpoint
CREATE TABLE `service_extensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`previous_end_date` text NOT NULL,
	`new_end_date` text NOT NULL,
	`reason` text NOT NULL,
	`extended_by` text NOT NULL,
	`extended_at` text NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `service_extensions_service_idx` ON `service_extensions` (`service_id`);--> statement-breakpoint
CREATE TABLE `service_needs` (
	`service_id` integer NOT NULL,
	`need_id` integer NOT NULL,
	PRIMARY KEY(`service_id`, `need_id`),
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`need_id`) REFERENCES `needs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `service_needs_need_idx` ON `service_needs` (`need_id`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`enrollment_id` integer NOT NULL,
	`service_code` text NOT NULL,
	`service_name` text NOT NULL,
	`provider_kind` text NOT NULL,
	`provider_name` text,
	`start_date` text NOT NULL,
	`planned_end_date` text NOT NULL,
	`actual_end_date` text,
	`status` text DEFAULT 'active' NOT NULL,
	`need_met` integer,
	`outcome` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "services_outcome_recorded" CHECK(status = 'active' OR (actual_end_date IS NOT NULL AND need_met IS NOT NULL AND outcome IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `services_participant_idx` ON `services` (`participant_id`,`status`,`planned_end_date`);--> statement-breakpoint
ALTER TABLE `needs` ADD `assessment_id` integer REFERENCES assessments(id);