-- One signed-in user per wrk thread (run with -t N -c N: one connection each), so that a
-- response always belongs to the request and the user before it.
--   BENCH_USERS  file: one "cookie<TAB>csrf" line per user, cycled over the threads
--   BENCH_PATH   the page; BENCH_MODE: get | collect (keep each form's token) | submit
--   BENCH_TOKENS folder of tokens-N.txt files (collect writes them, submit spends them)
--   BENCH_FORM   the answers, url-encoded, for submit; BENCH_OUT: where done() writes JSON
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local mode, path, cookie, csrf, form, tokens, sent, answered, out
local statuses, sql_min, sql_max, sql_sum, sql_n = {}, nil, 0, 0, 0

local function users()
  local list = {}
  for line in io.lines(os.getenv("BENCH_USERS")) do
    local c, t = line:match("([^\t]*)\t?(.*)")
    table.insert(list, {c, t})
  end
  return list
end

function init(args)
  mode = os.getenv("BENCH_MODE") or "get"
  path = os.getenv("BENCH_PATH")
  local list = users()
  local me = list[(id - 1) % #list + 1]
  cookie, csrf = me[1], me[2]
  local file = (os.getenv("BENCH_TOKENS") or "/tmp") .. "/tokens-" .. id .. ".txt"
  if mode == "collect" then
    out = io.open(file, "w")
  elseif mode == "submit" then
    form = os.getenv("BENCH_FORM") or ""
    tokens = {}
    for line in io.lines(file) do table.insert(tokens, line) end
    -- Tokens as sent, and responses as received: wrk re-sends on a broken connection, so
    -- the two are compared through the attempt ids in the redirects, not paired by order.
    sent = io.open(file .. ".sent", "w")
    answered = io.open(file .. ".answered", "w")
  end
end

function request()
  if mode == "submit" then
    local token = table.remove(tokens)
    if token == nil then
      wrk.thread:stop()
      token = "spent"
    end
    sent:write(token, "\n")
    sent:flush()
    local body = "csrf_token=" .. csrf .. "&token=" .. token .. "&" .. form
    return wrk.format("POST", path, {
      ["Cookie"] = cookie,
      ["Content-Type"] = "application/x-www-form-urlencoded",
    }, body)
  end
  if cookie == "" then  -- a visitor without a session
    return wrk.format("GET", path)
  end
  return wrk.format("GET", path, {["Cookie"] = cookie})
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local n = tonumber(headers["X-SQL-Count"])
  if n then
    sql_n, sql_sum = sql_n + 1, sql_sum + n
    if sql_min == nil or n < sql_min then sql_min = n end
    if n > sql_max then sql_max = n end
  end
  if mode == "collect" and body then
    local token = body:match('name="token" value="([^"]+)"')
    if token then out:write(token, "\n") out:flush() end
  elseif mode == "submit" then
    answered:write(status, "\t", headers["Location"] or "", "\n")
    answered:flush()
  end
  local codes = {}
  for code, count in pairs(statuses) do codes[tostring(code)] = count end
  wrk.thread:set("statuses", codes)
  wrk.thread:set("sql", {min = sql_min or -1, max = sql_max, sum = sql_sum, n = sql_n})
end

function done(summary, latency, requests)
  local codes, sql = {}, {min = nil, max = 0, sum = 0, n = 0}
  for _, thread in ipairs(threads) do
    for code, count in pairs(thread:get("statuses") or {}) do
      codes[code] = (codes[code] or 0) + count
    end
    local s = thread:get("sql")
    if s and s.n > 0 then
      sql.sum, sql.n = sql.sum + s.sum, sql.n + s.n
      if sql.min == nil or s.min < sql.min then sql.min = s.min end
      if s.max > sql.max then sql.max = s.max end
    end
  end
  local parts = {}
  for code, count in pairs(codes) do table.insert(parts, string.format('"%s": %d', code, count)) end
  local e = summary.errors
  local f = io.open(os.getenv("BENCH_OUT"), "w")
  f:write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, ' ..
    '"timeout": %d}, "statuses": {%s}, "sql_min": %d, "sql_max": %d, "sql_mean": %.2f}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout,
    table.concat(parts, ", "), sql.min or -1, sql.max, sql.n > 0 and sql.sum / sql.n or -1))
  f:close()
end
