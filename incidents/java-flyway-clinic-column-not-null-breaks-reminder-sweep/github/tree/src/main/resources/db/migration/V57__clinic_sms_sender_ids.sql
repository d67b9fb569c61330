-- Registered alphanumeric sender IDs (max 11 chars), one per clinic.
ALTER TABLE clinics ADD COLUMN sms_sender_id varchar(11);
