-- Baseline squashed from V1..V53 on 2025-11-03 (see docs/adr/0011-flyway-squash.md).

CREATE TABLE clinics (
    id          uuid PRIMARY KEY,
    name        varchar(200) NOT NULL,
    timezone    varchar(64)  NOT NULL DEFAULT 'Europe/London',
    created_at  timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE patients (
    id           uuid PRIMARY KEY,
    given_name   varchar(120) NOT NULL,
    family_name  varchar(120) NOT NULL,
    phone_e164   varchar(20),
    email        varchar(320),
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE appointments (
    id          uuid PRIMARY KEY,
    clinic_id   uuid NOT NULL REFERENCES clinics (id),
    patient_id  uuid NOT NULL REFERENCES patients (id),
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL,
    status      varchar(16) NOT NULL DEFAULT 'BOOKED',
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_appointments_starts_at ON appointments (starts_at) WHERE status = 'BOOKED';

CREATE TABLE reminder_kinds (
    kind     varchar(16) PRIMARY KEY,
    lead     interval    NOT NULL,
    enabled  boolean     NOT NULL DEFAULT true
);

INSERT INTO reminder_kinds (kind, lead) VALUES ('T_MINUS_72H', interval '72 hours'),
                                               ('T_MINUS_24H', interval '24 hours'),
                                               ('T_MINUS_2H',  interval '2 hours');

CREATE TABLE reminder_dispatches (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    appointment_id  uuid        NOT NULL REFERENCES appointments (id),
    patient_id      uuid        NOT NULL REFERENCES patients (id),
    kind            varchar(16) NOT NULL REFERENCES reminder_kinds (kind),
    send_after      timestamptz NOT NULL,
    status          varchar(16) NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);

CREATE TABLE shedlock (
    name        varchar(64)  PRIMARY KEY,
    lock_until  timestamptz  NOT NULL,
    locked_at   timestamptz  NOT NULL,
    locked_by   varchar(255) NOT NULL
);
