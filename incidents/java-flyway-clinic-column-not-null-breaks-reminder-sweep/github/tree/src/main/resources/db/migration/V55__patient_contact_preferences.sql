CREATE TABLE patient_contact_preferences (
    patient_id  uuid PRIMARY KEY REFERENCES patients (id),
    sms         boolean NOT NULL DEFAULT true,
    email       boolean NOT NULL DEFAULT true,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO patient_contact_preferences (patient_id)
SELECT id FROM patients
ON CONFLICT DO NOTHING;
