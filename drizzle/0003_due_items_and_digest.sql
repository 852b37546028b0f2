CREATE TABLE `digest_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`staff_id` text NOT NULL,
	`local_date` text NOT NULL,
	`kind` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`lease_owner` text,
	`lease_expires_at` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`slack_channel_id` text,
	`slack_message_ts` text,
	`created_at` text NOT NULL,
	`sent_at` text,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`slack_user_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digest_runs_unique` ON `digest_runs` (`staff_id`,`local_date`,`kind`);--> statement-breakpoint
CREATE INDEX `digest_runs_open_idx` ON `digest_runs` (`local_date`,`state`) WHERE state <> 'sent';--> statement-breakpoint
CREATE TABLE `digest_settings` (
	`staff_id` text PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`local_time` text DEFAULT '08:00' NOT NULL,
	`weekdays` text DEFAULT '1,2,3,4,5' NOT NULL,
	`skip_holidays` integer DEFAULT true NOT NULL,
	`send_when_empty` integer DEFAULT false NOT NULL,
	`team_summary` integer DEFAULT false NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`slack_user_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `due_item_state` (
	`item_key` text PRIMARY KEY NOT NULL,
	`rule_id` text NOT NULL,
	`participant_id` integer NOT NULL,
	`due_date` text NOT NULL,
	`snoozed_until` text,
	`snooze_reason` text,
	`snoozed_by` text,
	`snoozed_at` text,
	`cleared_at` text,
	`cleared_by` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "due_state_snooze_explained" CHECK(snoozed_until IS NULL OR (snooze_reason IS NOT NULL AND snoozed_by IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `due_state_participant_idx` ON `due_item_state` (`participant_id`);