-- wrk: the Lösungsdatenbank server function (facet counts + one page) as the browser calls it.
-- BENCH_QUERY: the page's query string, already form-encoded (e.g. kommune%3D05554004).
wrk.method = "POST"
wrk.body = "query=" .. (os.getenv("BENCH_QUERY") or "")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
