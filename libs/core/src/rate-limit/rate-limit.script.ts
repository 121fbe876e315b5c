/**
 * GCRA (generic cell rate algorithm) in one atomic Lua script. The only state per key is its
 * "theoretical arrival time" (TAT, integer microseconds, from Redis's own clock), so the result is
 * the same whichever API process asks, and their clocks never matter.
 *
 * KEYS[1] the limited key; ARGV[1] limit per window; ARGV[2] window in microseconds; ARGV[3] '0' to
 * only look (would one more request be allowed now?) without counting one, anything else to count.
 * Returns { allowed (0|1), remaining, reset µs (until the full quota is back), retry-after µs }.
 *
 * All arithmetic is on integers below 2^53 (doubles are exact there): the emission interval is
 * rounded up to whole microseconds so a burst of exactly `limit` fits `capacity`, and values are
 * written with %.0f because Lua's default number format (%.14g) would round a 16-digit timestamp.
 */
export const GCRA_SCRIPT = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local interval = math.ceil(window / limit)
local capacity = interval * limit
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if tat < now then tat = now end
local debt = tat + interval - now
if debt > capacity then
  return { 0, 0, tat - now, debt - capacity }
end
if ARGV[3] ~= '0' then
  redis.call('SET', KEYS[1], string.format('%.0f', tat + interval), 'PX', math.ceil(debt / 1000))
end
return { 1, math.floor((capacity - debt) / interval), debt, 0 }
`;
