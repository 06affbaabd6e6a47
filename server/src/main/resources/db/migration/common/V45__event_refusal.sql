-- Events a vehicle sent that the server refused for good (a type it does not know, a field it cannot store),
-- by (vehicle, seq): the acknowledgement counts them as received, and one sent again gets the same verdict.
CREATE TABLE event_refusal (
    vin        CHAR(17)     NOT NULL,
    seq        BIGINT       NOT NULL,
    code       VARCHAR(40)  NOT NULL,
    detail     VARCHAR(300) NOT NULL,
    refused_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (vin, seq)
);
