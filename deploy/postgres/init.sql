-- One database and one login role per service and one for the portal (the identity store:
-- organisations and users of the built-in login); each role owns its database and no other
-- role may connect to it. Run once by the postgres image, as the superuser, on an empty
-- data volume (mounted into /docker-entrypoint-initdb.d by docker-compose.yml).
-- Passwords come from the container's environment: INTAKE_DB_PASSWORD, MATCHING_DB_PASSWORD,
-- ENVIRONMENTS_DB_PASSWORD, REPORTING_DB_PASSWORD, PORTAL_DB_PASSWORD (see deploy/.env.example).
\set ON_ERROR_STOP on

\getenv intake_password INTAKE_DB_PASSWORD
\getenv matching_password MATCHING_DB_PASSWORD
\getenv environments_password ENVIRONMENTS_DB_PASSWORD
\getenv reporting_password REPORTING_DB_PASSWORD
\getenv portal_password PORTAL_DB_PASSWORD

\if :{?intake_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'INTAKE_DB_PASSWORD is not set'; END $$;
\endif
\if :{?matching_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'MATCHING_DB_PASSWORD is not set'; END $$;
\endif
\if :{?environments_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'ENVIRONMENTS_DB_PASSWORD is not set'; END $$;
\endif
\if :{?reporting_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'REPORTING_DB_PASSWORD is not set'; END $$;
\endif
\if :{?portal_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'PORTAL_DB_PASSWORD is not set'; END $$;
\endif

CREATE TEMPORARY TABLE kampus_service (name text PRIMARY KEY, password text NOT NULL);
INSERT INTO kampus_service VALUES
    ('intake', :'intake_password'),
    ('matching', :'matching_password'),
    ('environments', :'environments_password'),
    ('reporting', :'reporting_password'),
    ('portal', :'portal_password');

-- CREATE DATABASE cannot run inside a function or transaction, so psql runs the generated
-- statements one by one (\gexec).
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', name, password) FROM kampus_service ORDER BY name
\gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', name, name, 'UTF8')
FROM kampus_service ORDER BY name
\gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', name) FROM kampus_service ORDER BY name
\gexec

DROP TABLE kampus_service;
