-- KEYS are seen keys of published posts, ARGV[1] the seen TTL: marks them published.
for i, key in ipairs(KEYS) do
  redis.call('SET', key, '1', 'EX', ARGV[1])
end
return #KEYS
