-- Phased rollout: a campaign's waves (pilot, then cohorts), each with its selector, soak time and gate, and
-- the wave each assignment belongs to. A campaign without waves assigns every eligible vehicle at start.
CREATE TABLE campaign_wave (
    campaign_id    BIGINT        NOT NULL REFERENCES campaign (id),
    wave_no        INT           NOT NULL,
    name           VARCHAR(100)  NOT NULL,
    selector_kind  VARCHAR(20)   NOT NULL,
    selector       VARCHAR(4000),
    soak_minutes   INT           NOT NULL,
    gate_json      VARCHAR(4000) NOT NULL,
    needs_approval BOOLEAN       NOT NULL,
    status         VARCHAR(20)   NOT NULL,
    assigned       BIGINT        NOT NULL,
    activated_at   TIMESTAMP WITH TIME ZONE,
    decided_at     TIMESTAMP WITH TIME ZONE,
    decided_by     VARCHAR(100),
    verdict_json   VARCHAR(20000),
    version        BIGINT        NOT NULL,
    PRIMARY KEY (campaign_id, wave_no)
);

ALTER TABLE campaign ADD COLUMN abort_json VARCHAR(4000);
ALTER TABLE assignment ADD COLUMN wave_no INT;
CREATE INDEX assignment_campaign_wave_ix ON assignment (campaign_id, wave_no, status);
