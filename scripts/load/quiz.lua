-- wrk script of `make load` (config/loadtest.py): one kind of request per run.
--
--   wrk -t C -c C -d 10s -s scripts/load/quiz.lua http://127.0.0.1:PORT -- MODE ARG OUT CSRF
--
-- One connection per thread (-t = -c), so a thread is one browser: it sends a request,
-- reads its response, then sends the next. MODE:
--   get PATH            GET PATH again and again (public pages, the trivial view)
--   insert              POST /_bench/insert/ (the one-INSERT ceiling)
--   start FILE          POST the start form, one line of FILE per start: "cookie captcha ip path";
--                       the attempt it redirects to is written to OUT.<thread> ("cookie ip attempt-path")
--   page FILE           GET an attempt page, one line per request: "cookie ip attempt-path" (round robin)
--   autosave FILE       POST one answer, ten per attempt: "cookie ip attempt-path"
--   submit FILE         POST the sheet (ten answers, a prediction), one attempt per line
-- Lines are dealt to threads by their number (line n goes to thread n mod C). Each citizen has
-- a cookie of their own (a participant) and an address of their own (X-Forwarded-For).
-- An answer other than the expected one (status, or where a redirect leads) is counted in
-- "bad"; a thread that has used up its lines counts "ran_out" and sends nothing more useful.

local threads = {}
local count = 0

function setup(thread)
  thread:set("id", count)
  count = count + 1
  table.insert(threads, thread)
end

function init(args)
  mode, arg, out, csrf = args[1], args[2], args[3], args[4]
  items, current, next_item, bad, ran_out, example = {}, nil, 1, 0, 0, ""
  if mode ~= "get" and mode ~= "insert" then
    local n, threads_count = 0, tonumber(args[5])
    for line in io.lines(arg) do
      if n % threads_count == id then
        local fields = {}
        for field in line:gmatch("%S+") do fields[#fields + 1] = field end
        items[#items + 1] = fields
      end
      n = n + 1
    end
  end
  if mode == "start" then outfile = io.open(out .. "." .. id, "w") end
  -- wrk calls request() once in thread 0 to check the script (script_verify_request) and never
  -- sends that request: it must not use up a citizen.
  verifying = id == 0
  answers = {}
  for position = 1, 10 do answers[#answers + 1] = "q" .. position .. "=" .. ((position + id) % 3) end
  sheet = table.concat(answers, "&")
end

local function form(body)
  return "csrfmiddlewaretoken=" .. csrf .. (body ~= "" and ("&" .. body) or "")
end

local function headers(cookie, ip, posting)
  local h = { ["Cookie"] = "csrftoken=" .. csrf .. (cookie and ("; cuocthi=" .. cookie) or "") }
  if ip then h["X-Forwarded-For"] = ip end
  if posting then h["Content-Type"] = "application/x-www-form-urlencoded" end
  return h
end

local function take(repeating)
  if next_item > #items then
    if not repeating or #items == 0 then return nil end
    next_item = 1
  end
  local item = items[next_item]
  next_item = next_item + 1
  return item
end

local step = 0

function request()
  if verifying then
    verifying = false
    return wrk.format("GET", "/_bench/trivial/")
  end
  if mode == "get" then
    return wrk.format("GET", arg, headers(nil, nil, false))
  elseif mode == "insert" then
    return wrk.format("POST", "/_bench/insert/", headers(nil, nil, true), form(""))
  end
  local repeating = mode == "page"
  if mode == "autosave" then
    -- ten answers per attempt, then the next attempt
    if current == nil or step >= 10 then current, step = take(false), 0 end
  else
    current = take(repeating)
  end
  if current == nil then
    ran_out = ran_out + 1
    return wrk.format("GET", "/_bench/trivial/", headers(nil, nil, false))
  end
  local c = current
  if mode == "start" then
    return wrk.format("POST", c[4], headers(c[1], c[3], true), form("captcha_0=" .. c[2] .. "&captcha_1=1"))
  elseif mode == "page" then
    return wrk.format("GET", c[3], headers(c[1], c[2], false))
  elseif mode == "autosave" then
    step = step + 1
    return wrk.format("POST", c[3] .. "luu/", headers(c[1], c[2], true),
      form("position=" .. step .. "&choice=" .. (step % 3)))
  elseif mode == "submit" then
    return wrk.format("POST", c[3] .. "nop/", headers(c[1], c[2], true), form(sheet .. "&prediction=" .. id))
  end
end

local function wrong(status, what)
  bad = bad + 1
  if example == "" then example = mode .. ": " .. status .. " " .. (what or "") end
end

function response(status, headers, body)
  if current == nil and mode ~= "get" and mode ~= "insert" then return end
  local location = headers["Location"] or ""
  if mode == "start" then
    local attempt = location:match("(/cuoc%-thi/bai%-thi/[%x%-]+/)$")
    if status ~= 302 or not attempt then return wrong(status, location) end
    outfile:write(current[1] .. " " .. current[3] .. " " .. attempt .. "\n")
    outfile:flush()
  elseif mode == "submit" then
    if status ~= 302 or not location:match("/ket%-qua/$") then return wrong(status, location) end
  elseif status ~= 200 then
    return wrong(status, location)
  end
end

function done(summary, latency, requests)
  local bad_total, ran_out_total, first = 0, 0, ""
  for _, thread in ipairs(threads) do
    bad_total = bad_total + (tonumber(thread:get("bad")) or 0)
    ran_out_total = ran_out_total + (tonumber(thread:get("ran_out")) or 0)
    local e = thread:get("example")
    if first == "" and e and e ~= "" then first = e end
  end
  local errors = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, "bad": %d, "ran_out": %d, "example": "%s"}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout, bad_total, ran_out_total,
    (first:gsub('"', "'"))))
end
