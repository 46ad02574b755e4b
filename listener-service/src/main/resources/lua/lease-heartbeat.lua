-- KEYS: the replica set, the hash of leases held per replica. ARGV: replica id, ttl ms, leases
-- held. Drops expired replicas; answers the number of live replicas (this one included) and the
-- fewest leases any of them holds.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
local fewest = tonumber(ARGV[3])
local live = redis.call('ZRANGE', KEYS[1], 0, -1)
local alive = {}
for _, id in ipairs(live) do
  alive[id] = true
  local load = tonumber(redis.call('HGET', KEYS[2], id) or '0')
  if load < fewest then
    fewest = load
  end
end
for _, id in ipairs(redis.call('HKEYS', KEYS[2])) do
  if not alive[id] then
    redis.call('HDEL', KEYS[2], id)
  end
end
return {#live, fewest}
