CREATE TABLE `assignments` (
	`participant_id` integer NOT NULL,
	`staff_id` text NOT NULL,
	`role` text NOT NULL,
	`assigned_at` text NOT NULL,
	`assigned_by` text NOT NULL,
	PRIMARY KEY(`participant_id`, `staff_id`),
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`slack_user_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assignments_staff_idx` ON `assignments` (`staff_id`,`participant_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_one_primary` ON `assignments` (`participant_id`) WHERE role = 'primary';--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`basis` text NOT NULL,
	`detail` text,
	CONSTRAINT "audit_action_nonempty" CHECK(length(action) > 0)
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `enrollments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`profile_id` text NOT NULL,
	`enrollment_date` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enrollments_participant_profile_unique` ON `enrollments` (`participant_id`,`profile_id`);--> statement-breakpoint
CREATE TABLE `participant_status_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`status` text NOT NULL,
	`effective_date` text NOT NULL,
	`reason` text NOT NULL,
	`changed_by` text NOT NULL,
	`changed_at` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `status_changes_participant_idx` ON `participant_status_changes` (`participant_id`);--> statement-breakpoint
CREATE TABLE `participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`full_name` text NOT NULL,
	`preferred_name` text,
	`search_text` text NOT NULL,
	`preferred_language` text NOT NULL,
	`interpreter_needed` integer DEFAULT false NOT NULL,
	`mis_id` text,
	`phone` text,
	`email` text,
	`preferred_contact_method` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`status_date` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `staff`(`slack_user_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_mis_id_unique` ON `participants` (`mis_id`);--> statement-breakpoint
CREATE INDEX `participants_status_idx` ON `participants` (`status`);--> statement-breakpoint
CREATE TABLE `staff` (
	`slack_user_id` text PRIMARY KEY NOT NULL,
	`display_name` text NOT NULL,
	`real_name` text,
	`tz` text,
	`role` text DEFAULT 'case_manager' NOT NULL,
	`supervisor_id` text,
	`active` integer DEFAULT true NOT NULL,
	`default_office` text,
	`profile_refreshed_at` text NOT NULL,
	`created_at` text NOT NULL,
	`deactivated_at` text,
	FOREIGN KEY (`supervisor_id`) REFERENCES `staff`(`slack_user_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_supervisor_idx` ON `staff` (`supervisor_id`);