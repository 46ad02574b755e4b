-- Takes free leases in the given order until ARGV[3] are taken. Answers per key the owner after the
-- attempt (this replica's id where taken or already held), or false where the list was not reached.
local wanted = tonumber(ARGV[3])
local owners = {}
local taken = 0
for i, key in ipairs(KEYS) do
  if taken >= wanted then
    owners[i] = false
  elseif redis.call('SET', key, ARGV[1], 'NX', 'PX', ARGV[2]) then
    owners[i] = ARGV[1]
    taken = taken + 1
  else
    local owner = redis.call('GET', key)
    if owner == ARGV[1] then
      taken = taken + 1
    end
    owners[i] = owner
  end
end
return owners
