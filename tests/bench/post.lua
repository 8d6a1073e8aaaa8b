-- POST a form body with the CSRF header; results as latency.lua reports them.
dofile(os.getenv("BENCH_DIR") .. "/latency.lua")
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["X-CSRFToken"] = os.getenv("BENCH_CSRF")
