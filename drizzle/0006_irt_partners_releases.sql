CREATE TABLE `irt_action_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`description` text NOT NULL,
	`responsible_kind` text NOT NULL,
	`responsible_attendee_id` integer,
	`responsible_name` text NOT NULL,
	`responsible_slack_user_id` text,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`done_at` text,
	`done_by` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `irt_meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responsible_attendee_id`) REFERENCES `irt_attendees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `irt_action_items_participant_idx` ON `irt_action_items` (`participant_id`,`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `irt_action_items_open_due_idx` ON `irt_action_items` (`due_date`) WHERE status = 'open';--> statement-breakpoint
CREATE TABLE `irt_attendees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`kind` text NOT NULL,
	`partner_contact_id` integer,
	`staff_id` text,
	`name` text,
	`relationship` text,
	`email` text,
	`phone` text,
	`slack_user_id` text,
	`attendance` text DEFAULT 'unknown' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `irt_meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_contact_id`) REFERENCES `partner_contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`slack_user_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `irt_attendees_meeting_idx` ON `irt_attendees` (`meeting_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `irt_attendees_slack_user_unique` ON `irt_attendees` (`meeting_id`,`slack_user_id`) WHERE slack_user_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `irt_attendees_contact_unique` ON `irt_attendees` (`meeting_id`,`partner_contact_id`) WHERE partner_contact_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `irt_attendees_participant_unique` ON `irt_attendees` (`meeting_id`) WHERE kind = 'participant';--> statement-breakpoint
CREATE TABLE `irt_availability` (
	`slot_id` integer NOT NULL,
	`attendee_id` integer NOT NULL,
	`answer` text NOT NULL,
	`answered_at` text NOT NULL,
	PRIMARY KEY(`slot_id`, `attendee_id`),
	FOREIGN KEY (`slot_id`) REFERENCES `irt_slots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attendee_id`) REFERENCES `irt_attendees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `irt_meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`organizer_id` text NOT NULL,
	`reason` text NOT NULL,
	`reason_detail` text,
	`urgent` integer DEFAULT false NOT NULL,
	`called_by` text NOT NULL,
	`status` text DEFAULT 'planning' NOT NULL,
	`location_kind` text NOT NULL,
	`location_detail` text,
	`planning_channel_id` text NOT NULL,
	`thread_ts` text,
	`thread_mode` text,
	`bring_assessment` integer DEFAULT false NOT NULL,
	`bring_plan` integer DEFAULT false NOT NULL,
	`bring_resources` integer DEFAULT false NOT NULL,
	`preferred_communication` text NOT NULL,
	`starts_at` text,
	`ends_at` text,
	`goal_statement` text,
	`strengths` text,
	`next_irt_date` text,
	`outcome_note_id` integer,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organizer_id`) REFERENCES `staff`(`slack_user_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`outcome_note_id`) REFERENCES `case_notes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `irt_participant_idx` ON `irt_meetings` (`participant_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `irt_organizer_idx` ON `irt_meetings` (`organizer_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `irt_scheduled_idx` ON `irt_meetings` (`starts_at`) WHERE status = 'scheduled';--> statement-breakpoint
CREATE TABLE `irt_reminders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reminder_key` text NOT NULL,
	`kind` text NOT NULL,
	`meeting_id` integer NOT NULL,
	`action_item_id` integer,
	`recipient` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`lease_owner` text,
	`lease_expires_at` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`sent_at` text,
	`slack_message_ts` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `irt_meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`action_item_id`) REFERENCES `irt_action_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `irt_reminders_key_unique` ON `irt_reminders` (`reminder_key`);--> statement-breakpoint
CREATE TABLE `irt_slots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`round` integer NOT NULL,
	`confirmed` integer DEFAULT false NOT NULL,
	`proposed_at` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `irt_meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `irt_slots_unique` ON `irt_slots` (`meeting_id`,`starts_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `irt_slots_confirmed_unique` ON `irt_slots` (`meeting_id`) WHERE confirmed = 1;--> statement-breakpoint
CREATE TABLE `partner_contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`name` text NOT NULL,
	`title` text,
	`slack_user_id` text,
	`email` text,
	`phone` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `partner_contacts_partner_idx` ON `partner_contacts` (`partner_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `partner_contacts_slack_user_unique` ON `partner_contacts` (`slack_user_id`) WHERE slack_user_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `partners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`kind` text NOT NULL,
	`service_area` text,
	`phone` text,
	`email` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partners_name_key_unique` ON `partners` (`name_key`);--> statement-breakpoint
CREATE TABLE `releases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`signed_date` text NOT NULL,
	`expiry_date` text NOT NULL,
	`share_contact_details` integer DEFAULT false NOT NULL,
	`share_employment_plan` integer DEFAULT false NOT NULL,
	`share_assessment_results` integer DEFAULT false NOT NULL,
	`share_case_notes` integer DEFAULT false NOT NULL,
	`share_medical` integer DEFAULT false NOT NULL,
	`revoked_date` text,
	`revoked_reason` text,
	`revoked_by` text,
	`document_location` text,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "releases_expiry_after_signed" CHECK(expiry_date > signed_date)
);
--> statement-breakpoint
CREATE INDEX `releases_gate_idx` ON `releases` (`participant_id`,`partner_id`,`expiry_date`);--> statement-breakpoint
ALTER TABLE `goals` ADD `is_employment` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `referrals` ADD `partner_id` integer REFERENCES partners(id);--> statement-breakpoint
ALTER TABLE `services` ADD `provider_partner_id` integer REFERENCES partners(id);