-- The web inbox's form sign-in (issue 18): a bcrypt hash per person of the directory; null: this person signs in
-- with tokens only (the bearer API), not with a password.
ALTER TABLE app_user ADD COLUMN password_hash TEXT;
