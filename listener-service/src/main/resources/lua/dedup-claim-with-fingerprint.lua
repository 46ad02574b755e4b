-- KEYS alternate seen key and fingerprint key per post (the fingerprint key is - for a post without
-- one); ARGV[1] is the pending-claim TTL, ARGV[2] the fingerprint TTL (seconds), ARGV[3..] the post
-- ids. A new post's seen key is set to p (pending) until commit marks it published (1); a pending
-- claim of a process that died expires, so the post is published later instead of being lost.
-- Returns per post 0 (published before), 2 (pending: another publish is in flight), 1 (new) or the
-- id of the first copy when the new post is a near-duplicate.
local out = {}
local n = #KEYS / 2
for i = 1, n do
  local seen = KEYS[2 * i - 1]
  local fp = KEYS[2 * i]
  local id = ARGV[2 + i]
  if redis.call('SET', seen, 'p', 'NX', 'EX', ARGV[1]) then
    out[i] = 1
    if fp ~= '-' then
      if not redis.call('SET', fp, id, 'NX', 'EX', ARGV[2]) then
        local first = redis.call('GET', fp)
        if first and first ~= id then
          out[i] = first
        end
      end
    end
  elseif redis.call('GET', seen) == 'p' then
    out[i] = 2
  else
    out[i] = 0
  end
end
return out
