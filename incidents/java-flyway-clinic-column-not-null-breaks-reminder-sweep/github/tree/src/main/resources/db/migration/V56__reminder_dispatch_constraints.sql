ALTER TABLE reminder_dispatches
    ADD CONSTRAINT ck_reminder_dispatches_status
    CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'CANCELLED'));

CREATE UNIQUE INDEX uq_reminder_dispatches_appointment_kind
    ON reminder_dispatches (appointment_id, kind);

CREATE INDEX idx_reminder_dispatches_pending
    ON reminder_dispatches (send_after) WHERE status = 'PENDING';
