-- Runs once, when the PostgreSQL volume is first initialised: one database per service.
CREATE DATABASE ledger_command;
CREATE DATABASE ledger_query;
