-- wrk script for bench/load.py: cycles over the pages given as arguments after "--", as
-- pairs of path and Cookie header value ("-" for none), and counts the response statuses.
-- Reports with wrk_report.lua (one WRKJSON line), then one WRKSTATUS line of
-- {"status": count}.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "wrk_report.lua")
local report = done

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  prepared, next_request, statuses = {}, 0, {}
  for i = 1, #args, 2 do
    local headers = {}
    for name, value in pairs(wrk.headers) do
      headers[name] = value
    end
    if args[i + 1] ~= "-" then
      headers["Cookie"] = args[i + 1]
    end
    table.insert(prepared, wrk.format("GET", args[i], headers))
  end
end

function request()
  next_request = next_request % #prepared + 1
  return prepared[next_request]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  report(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(totals) do
    table.insert(parts, string.format('"%d": %d', status, count))
  end
  io.write("WRKSTATUS {" .. table.concat(parts, ", ") .. "}\n")
end
