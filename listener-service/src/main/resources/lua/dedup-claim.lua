-- KEYS are the seen keys, ARGV[1] the TTL in seconds; returns 1 for each key that was claimed now.
local claimed = {}
for i, key in ipairs(KEYS) do
  if redis.call('SET', key, '1', 'NX', 'EX', ARGV[1]) then
    claimed[i] = 1
  else
    claimed[i] = 0
  end
end
return claimed
