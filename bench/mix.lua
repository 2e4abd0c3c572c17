-- The mixed run's requests for wrk (bench/mixed.py): the stream of requests in the file named
-- after `--` (a Lua table of {path, cookie}, written by the driver), each wrk thread starting at
-- its own place in it; counts each answer's X-Page-Cache header and its status, and prints one
-- JSON line with the latency percentiles (microseconds), the errors and those counts.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local stream = dofile(args[1])
  reqs = {}
  for i, r in ipairs(stream) do
    local headers = {}
    if r[2] ~= "" then headers["Cookie"] = r[2] end
    reqs[i] = wrk.format("GET", r[1], headers)
  end
  local count = tonumber(args[2]) or 1
  pos = math.floor(#reqs * id / count)
  hits, misses, plain, bad = 0, 0, 0, 0
end

function request()
  pos = pos % #reqs + 1
  return reqs[pos]
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
  local kept = headers["X-Page-Cache"] or headers["x-page-cache"]
  if kept == "hit" then hits = hits + 1
  elseif kept == "miss" then misses = misses + 1
  else plain = plain + 1 end
end

function done(summary, latency, requests)
  local h, m, p, b = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + t:get("hits"); m = m + t:get("misses"); p = p + t:get("plain"); b = b + t:get("bad")
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"mean_us":%.1f,"p50_us":%.0f,"p90_us":%.0f,'
      .. '"p95_us":%.0f,"p99_us":%.0f,"max_us":%.0f,"errors":{"connect":%d,"read":%d,"write":%d,'
      .. '"status":%d,"timeout":%d},"cache":{"hit":%d,"miss":%d,"none":%d,"not_200":%d}}\n',
    summary.requests, summary.duration, summary.bytes, latency.mean,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout, h, m, p, b))
end
