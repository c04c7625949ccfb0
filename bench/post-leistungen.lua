-- wrk: the catalog server function as the browser calls it (form-encoded query string).
wrk.method = "POST"
wrk.body = "query=tf%3D2%26q%3Dbau"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
