-- wrk: the preview of a data delivery; BENCH_DATEI holds the complete form body (with the
-- base64 file), BENCH_COOKIE the session of a Kommune account.
local f = assert(io.open(os.getenv("BENCH_DATEI"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
