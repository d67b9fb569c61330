CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_appointments_clinic_starts_at
    ON appointments (clinic_id, starts_at);
