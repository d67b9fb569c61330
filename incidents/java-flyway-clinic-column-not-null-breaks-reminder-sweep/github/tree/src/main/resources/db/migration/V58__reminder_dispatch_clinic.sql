-- Each dispatch carries the clinic it is sent on behalf of, so the SMS
-- gateway can use the clinic's registered sender ID (V57) without looking
-- the appointment up again at send time.
ALTER TABLE reminder_dispatches ADD COLUMN clinic_id uuid;

UPDATE reminder_dispatches d
   SET clinic_id = a.clinic_id
  FROM appointments a
 WHERE a.id = d.appointment_id
   AND d.clinic_id IS NULL;

ALTER TABLE reminder_dispatches ALTER COLUMN clinic_id SET NOT NULL;

ALTER TABLE reminder_dispatches
    ADD CONSTRAINT fk_reminder_dispatches_clinic FOREIGN KEY (clinic_id) REFERENCES clinics (id);

CREATE INDEX idx_reminder_dispatches_clinic_status ON reminder_dispatches (clinic_id, status);
