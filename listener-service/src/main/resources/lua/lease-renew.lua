-- Extends each lease this replica holds; a lease that expired and that nobody took meanwhile is
-- taken again (it is still free, so no one else loses it). Answers 1 per key kept, 0 per key
-- another holds.
local kept = {}
for i, key in ipairs(KEYS) do
  local owner = redis.call('GET', key)
  if owner == ARGV[1] then
    redis.call('PEXPIRE', key, ARGV[2])
    kept[i] = 1
  elseif not owner then
    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
    kept[i] = 1
  else
    kept[i] = 0
  end
end
return kept
