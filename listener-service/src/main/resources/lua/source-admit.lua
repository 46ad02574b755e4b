-- KEYS: the admitted sources, the source's admitted instances; ARGV: source, instance, most
-- sources, most instances. Answers 2 (own status), 1 (instance "other" of the source) or 0 (source
-- and instance "other").
if redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 1 then return 2 end
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
  redis.call('SADD', KEYS[1], ARGV[1])
end
if redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[4]) then return 1 end
redis.call('SADD', KEYS[2], ARGV[2])
return 2
