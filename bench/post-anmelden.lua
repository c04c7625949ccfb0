-- POST /api/anmelden with the benchmark account (scripts/bench.sh sets BENCH_EMAIL/BENCH_PW).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local function enc(s) return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end)) end
wrk.body = "email=" .. enc(os.getenv("BENCH_EMAIL")) .. "&passwort=" .. enc(os.getenv("BENCH_PW"))
