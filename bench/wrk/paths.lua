-- wrk script of the benchmark:  wrk -s paths.lua http://127.0.0.1:PORT -- PATHS_FILE THREADS [bust RUN_TAG]
-- Each thread requests its own share of the paths in the file, in turn (distinct until the list wraps).
-- With "bust" it appends &_bench=<run tag>-<thread>-<n> so that every request is distinct, within the run
-- and from every other run (the tag must be unique): the application's OGC
-- cache keys on the whole query string, so this defeats it (a cold request each time); MapServer
-- ignores the unknown parameter, and the same URLs go to MapServer direct, so both parse the same query.
-- Prints one RESULT line: requests, requests/s, latency percentiles (ms), errors.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  nthreads = tonumber(args[2]) or 1
  bust = args[3] == "bust"
  tag = args[4] or "0"
  n = 0
end

function request()
  local path = paths[(n * nthreads + (tid - 1)) % #paths + 1]
  n = n + 1
  if bust then path = path .. "&_bench=" .. tag .. "-" .. tid .. "-" .. n end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50=%.2f p90=%.2f p99=%.2f min=%.2f max=%.2f mean=%.2f errors=%d non2xx=%d bytes=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.min / 1000, latency.max / 1000, latency.mean / 1000,
    e.connect + e.read + e.write + e.timeout, e.status, summary.bytes))
end
