-- The customer view and the queue's author filter match handles case-insensitively, with or without a
-- leading '@' (lower(ltrim(author_handle, '@'))): index that expression as mention_author_idx indexes the column.
CREATE INDEX mention_author_norm_idx ON mention (source, lower(ltrim(author_handle, '@')));
