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
/** The algorithm as a Lua function: (key, limit, window µs, count?) → the four numbers above. */
const GCRA_FUNCTION = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local function gcra(key, limit, window, count)
  local interval = math.ceil(window / limit)
  local capacity = interval * limit
  local tat = tonumber(redis.call('GET', key) or '0') or 0
  if tat < now then tat = now end
  local debt = tat + interval - now
  if debt > capacity then
    return { 0, 0, tat - now, debt - capacity }
  end
  if count then
    redis.call('SET', key, string.format('%.0f', tat + interval), 'PX', math.ceil(debt / 1000))
  end
  return { 1, math.floor((capacity - debt) / interval), debt, 0 }
end
`;

export const GCRA_SCRIPT = `${GCRA_FUNCTION}
return gcra(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3] ~= '0')
`;

/**
 * Two limits in one step: looks at KEYS[1] under ARGV[1] (without counting) and, only when that one
 * allows a request, counts one against KEYS[2] under ARGV[2]; ARGV[3] is the window in µs. Returns
 * the first limit's four numbers, then the second's (all 0 when it was not asked).
 */
export const GCRA_GUARDED_SCRIPT = `${GCRA_FUNCTION}
local window = tonumber(ARGV[3])
local guard = gcra(KEYS[1], tonumber(ARGV[1]), window, false)
if guard[1] == 0 then return { guard[1], guard[2], guard[3], guard[4], 0, 0, 0, 0 } end
local counted = gcra(KEYS[2], tonumber(ARGV[2]), window, true)
return { guard[1], guard[2], guard[3], guard[4], counted[1], counted[2], counted[3], counted[4] }
`;
