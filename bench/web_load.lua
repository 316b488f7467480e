-- wrk script for bench/web_load.py: optional POST body from a file, non-2xx/3xx answers
-- counted per thread, and one JSON line with the percentiles at the end.
local body_file = os.getenv("WEB_LOAD_BODY")
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
end

-- With WEB_LOAD_VARY set, every request's profile differs (a number in it counts up), so no
-- answer can come from the server's cache of assessments already made.
local vary = os.getenv("WEB_LOAD_VARY") == "1"
local counter = 0

function request()
  if not vary then
    return wrk.request()
  end
  counter = counter + 1
  local body = string.gsub(wrk.body, '"individuals_processed": 1450000',
                           '"individuals_processed": ' .. tostring(1000000 + counter * 7), 1)
  return wrk.format(nil, nil, nil, body)
end

-- Think time: each connection is a user who waits this long (uniformly 0.5x to 1.5x) before
-- the next request; 0 makes a closed loop that never pauses.
local think = tonumber(os.getenv("WEB_LOAD_THINK_MS") or "0")

function delay()
  if think <= 0 then
    return 0
  end
  return math.random(math.floor(think / 2), math.floor(think * 3 / 2))
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  math.randomseed(42 + #threads)
  counter = #threads * 100000000  -- each thread its own numbers
end

function response(status, headers, body)
  if status >= 400 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local bad_total = 0
  for _, t in ipairs(threads) do
    bad_total = bad_total + t:get("bad")
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.2f, "p50_ms": %.2f, "p90_ms": %.2f, "p95_ms": %.2f, ' ..
    '"p99_ms": %.2f, "max_ms": %.2f, "bad_status": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, bad_total, e.connect + e.read + e.write + e.timeout + e.status))
end
