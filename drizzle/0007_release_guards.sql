-- A release is a signed document: only its revocation is ever written after it is recorded.
-- A correction is a revocation plus a new row; a renewal is a new row.
CREATE TRIGGER `releases_revoke_only` BEFORE UPDATE ON `releases`
WHEN new.participant_id IS NOT old.participant_id OR new.partner_id IS NOT old.partner_id
  OR new.signed_date IS NOT old.signed_date OR new.expiry_date IS NOT old.expiry_date
  OR new.share_contact_details IS NOT old.share_contact_details OR new.share_employment_plan IS NOT old.share_employment_plan
  OR new.share_assessment_results IS NOT old.share_assessment_results OR new.share_case_notes IS NOT old.share_case_notes
  OR new.share_medical IS NOT old.share_medical OR new.document_location IS NOT old.document_location
  OR new.recorded_at IS NOT old.recorded_at OR new.recorded_by IS NOT old.recorded_by
  OR old.revoked_date IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a release can only be revoked, once: record a new release to correct it'); END;
--> statement-breakpoint
CREATE TRIGGER `releases_no_delete` BEFORE DELETE ON `releases` BEGIN SELECT RAISE(ABORT, 'releases are kept: revoke instead'); END;
