-- Inbox sign-ins the company's identity provider ended (OIDC back-channel logout, issue 18): quarkus-oidc keeps a
-- logout only in the memory of the replica the provider reached and forgets it at the first matching request, so
-- each verified logout token is also recorded here and every replica refuses the session on every request
-- (people.EndedSignIns). Only tokens quarkus-oidc verified are recorded (the provider's signature, issuer, audience,
-- exp, the logout event); rows older than the session timeout plus the ID token lifetime are deleted.
-- sid: the provider's session (null when the token names the person only: then every session of sub issued at or
-- before ended_at ends); ended_at: the logout token's iat (the provider's clock, as the ID tokens' iat it is compared
-- with); recorded_at: this service's clock, for the clean-up.
CREATE TABLE ended_sign_in (
    id          BIGSERIAL   PRIMARY KEY,
    sid         TEXT,
    sub         TEXT,
    ended_at    TIMESTAMPTZ NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    CHECK (sid IS NOT NULL OR sub IS NOT NULL)
);
CREATE UNIQUE INDEX ended_sign_in_sid_idx ON ended_sign_in (sid) WHERE sid IS NOT NULL;
CREATE INDEX ended_sign_in_sub_idx ON ended_sign_in (sub, ended_at) WHERE sub IS NOT NULL;
CREATE INDEX ended_sign_in_recorded_idx ON ended_sign_in (recorded_at);
