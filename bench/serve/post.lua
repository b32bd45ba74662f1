-- wrk script for bench/serve/run.sh: POSTs one JSON body (the file named after `--`) to the URL's path, and at the
-- end prints machine-readable lines: the exact p50 and p99 latency (wrk's own histogram, in microseconds), the
-- request count, socket errors, and the responses whose status was not 200 (counted per thread in response()).
--
--   wrk -t2 -c4 -d15s --latency -s post.lua http://127.0.0.1:8080/predict -- body.json

local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    local file = assert(io.open(args[1], "rb"))
    wrk.method = "POST"
    wrk.body = file:read("*a")
    wrk.headers["Content-Type"] = "application/json"
    file:close()
    not200 = 0
end

function response(status, headers, body)
    if status ~= 200 then
        not200 = not200 + 1
    end
end

function done(summary, latency, requests)
    local bad = 0
    for _, thread in ipairs(threads) do
        bad = bad + thread:get("not200")
    end
    local e = summary.errors
    io.write(string.format("bench: requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f not200=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
        summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(90), latency:percentile(99),
        latency.max, latency.mean, bad, e.connect, e.read, e.write, e.status, e.timeout))
end
