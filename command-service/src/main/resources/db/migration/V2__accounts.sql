-- Accounts: a handle is the participant id the account acts as in debates.
CREATE TABLE account (
    handle       varchar(64)  PRIMARY KEY,
    display_name varchar(200) NOT NULL,
    admin        boolean      NOT NULL DEFAULT false,
    created_at   timestamptz  NOT NULL DEFAULT now()
);

-- Personal access tokens, kept only as the SHA-256 of the token (the token itself is shown once, at creation).
CREATE TABLE access_token (
    token_hash bytea       PRIMARY KEY,
    handle     varchar(64) NOT NULL REFERENCES account (handle),
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

CREATE INDEX access_token_by_handle ON access_token (handle) WHERE revoked_at IS NULL;
