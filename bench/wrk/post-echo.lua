-- wrk script: POST /v1/echo with a small JSON body (the "trivial POST" scenario).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"message":"hello from wrk, 你好"}'
