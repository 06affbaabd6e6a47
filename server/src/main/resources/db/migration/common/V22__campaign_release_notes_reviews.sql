-- Evidence and learning: one release note per campaign and UTC day (refreshed during the day, kept after),
-- and one post-release review per finished campaign (opened automatically, closed with learning notes).
CREATE TABLE campaign_release_note (
    campaign_id  BIGINT                   NOT NULL REFERENCES campaign (id),
    note_day     DATE                     NOT NULL,
    generated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    note_json    VARCHAR(100000)          NOT NULL,
    PRIMARY KEY (campaign_id, note_day)
);

CREATE TABLE campaign_review (
    campaign_id    BIGINT                   NOT NULL PRIMARY KEY REFERENCES campaign (id),
    outcome        VARCHAR(20)              NOT NULL,
    owner          VARCHAR(100),
    status         VARCHAR(10)              NOT NULL,
    metrics_json   VARCHAR(20000)           NOT NULL,
    learning_notes VARCHAR(10000),
    opened_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by     VARCHAR(100),
    closed_at      TIMESTAMP WITH TIME ZONE,
    closed_by      VARCHAR(100),
    version        BIGINT                   NOT NULL
);
