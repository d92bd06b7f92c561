-- Sign-in to the web view (issue 15), with Spring Security's own JDBC stores: their schemas, in PostgreSQL types.
-- One-time sign-in links (JdbcOneTimeTokenService): a token is deleted when it is used; username is the account's
-- handle (up to 64 characters, where Spring's schema has 50).
CREATE TABLE one_time_tokens (
    token_value varchar(36) NOT NULL PRIMARY KEY,
    username    varchar(64) NOT NULL,
    expires_at  timestamp   NOT NULL
);

-- Passkeys (JdbcPublicKeyCredentialUserEntityRepository, JdbcUserCredentialRepository): name is the handle.
CREATE TABLE user_entities (
    id           varchar(1000) NOT NULL PRIMARY KEY,
    name         varchar(100)  NOT NULL,
    display_name varchar(200)
);
CREATE UNIQUE INDEX user_entities_by_name ON user_entities (name);

CREATE TABLE user_credentials (
    credential_id                varchar(1000) NOT NULL PRIMARY KEY,
    user_entity_user_id          varchar(1000) NOT NULL,
    public_key                   bytea         NOT NULL,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       NOT NULL,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       NOT NULL,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp,
    last_used                    timestamp,
    label                        varchar(1000) NOT NULL
);
CREATE INDEX user_credentials_by_user ON user_credentials (user_entity_user_id);
