-- wrk's summary for bench/run.py: one JSON line with the request count, latency
-- percentiles (microseconds) and errors. wrk counts a non-2xx/3xx answer as a status error.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"mean_us":%.1f,"p50_us":%.0f,"p90_us":%.0f,'
      .. '"p95_us":%.0f,"p99_us":%.0f,"max_us":%.0f,"errors":{"connect":%d,"read":%d,"write":%d,'
      .. '"status":%d,"timeout":%d}}\n',
    summary.requests, summary.duration, summary.bytes, latency.mean,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
