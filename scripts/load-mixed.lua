-- wrk script of scripts/load-mixed: a mix of account reports, account
-- graphs, account lists and imports against kamgraph serve.
--
-- Each thread sends the requests of CYCLE in turn. Every request carries
-- a unique X-Request-ID, which the server echoes, so a response is tied
-- to its request on any connection. An import adds two new customer
-- people to one of the seed accounts, both named after the request id,
-- with a relationship between them and one to the account's seed vendor
-- person.
--
-- Environment, set by scripts/load-mixed:
--   LOAD_MIXED_TOKEN     API key sent as the bearer token
--   LOAD_MIXED_RUN       run id, the prefix of every request id
--   LOAD_MIXED_ACCOUNTS  comma-separated seed account ids
--   LOAD_MIXED_VENDORS   comma-separated vendor person ids, one per account
--   LOAD_MIXED_RESULTS   file that done() writes, one record per line:
--     response KIND STATUS LATENCY_MS ACCOUNT REQUEST_ID
--     inflight KIND ACCOUNT REQUEST_ID  (no response when wrk stopped)
--     wrk KEY VALUE                     (wrk's own counts and latencies)

local ffi = require("ffi")

ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } load_mixed_timespec;
int clock_gettime(int clock_id, load_mixed_timespec *tp);
]])

local CLOCK_MONOTONIC = 1
local timespec = ffi.new("load_mixed_timespec")

-- Returns a monotonic time in milliseconds. wrk gives Lua no per-request
-- latency, so the script measures it from request() to response().
local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
    return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local function split_commas(value)
    local out = {}
    for item in string.gmatch(value or "", "[^,]+") do
        out[#out + 1] = item
    end
    return out
end

local function require_env(name)
    local value = os.getenv(name)
    if value == nil or value == "" then
        error("missing environment variable " .. name .. ": run this script through scripts/load-mixed")
    end
    return value
end

-- Two imports, four reports, one account graph and one account list in
-- every eight requests.
local CYCLE = { "import", "report", "account", "report", "import", "report", "accounts", "report" }
local BOUNDARY = "kamgraph-load-mixed-boundary"

local threads = {}

function setup(thread)
    threads[#threads + 1] = thread
    thread:set("thread_number", #threads)
end

function init(args)
    token = require_env("LOAD_MIXED_TOKEN")
    run = require_env("LOAD_MIXED_RUN")
    accounts = split_commas(require_env("LOAD_MIXED_ACCOUNTS"))
    vendors = split_commas(require_env("LOAD_MIXED_VENDORS"))
    if #accounts == 0 or #accounts ~= #vendors then
        error("LOAD_MIXED_ACCOUNTS and LOAD_MIXED_VENDORS must list the same number of ids")
    end
    sequence = 0
    -- pending maps a request id to "KIND ACCOUNT START_MS" until its
    -- response arrives. results collects one line per response.
    pending = {}
    results = {}
end

-- Returns the multipart body of an import of two customer people of
-- account, id-a and id-b, related to each other and to vendor.
local function import_body(id, account, vendor)
    local people = "person_id,name,side,account_id,title,function\r\n" ..
        id .. "-a,Load customer " .. id .. " A,customer," .. account .. ",Buyer,Procurement\r\n" ..
        id .. "-b,Load customer " .. id .. " B,customer," .. account .. ",Engineer,IT\r\n"
    local relationships = "person_a,person_b,strength,type\r\n" ..
        id .. "-a," .. id .. "-b,0.5,colleague\r\n" ..
        id .. "-a," .. vendor .. ",0.4,meeting\r\n"
    local parts = {}
    for _, file in ipairs({ { "people.csv", people }, { "relationships.csv", relationships } }) do
        parts[#parts + 1] = "--" .. BOUNDARY .. "\r\n" ..
            'Content-Disposition: form-data; name="' .. file[1] .. '"; filename="' .. file[1] .. '"\r\n' ..
            "Content-Type: text/csv\r\n\r\n" .. file[2] .. "\r\n"
    end
    return table.concat(parts) .. "--" .. BOUNDARY .. "--\r\n"
end

function request()
    sequence = sequence + 1
    local kind = CYCLE[(sequence - 1) % #CYCLE + 1]
    -- Every four requests move on to the next account.
    local slot = math.floor((sequence - 1) / 4) % #accounts + 1
    local account = accounts[slot]
    local id = run .. "-t" .. thread_number .. "-" .. sequence
    local headers = { ["Authorization"] = "Bearer " .. token, ["X-Request-ID"] = id }
    pending[id] = kind .. " " .. account .. " " .. string.format("%.3f", now_ms())

    if kind == "import" then
        headers["Content-Type"] = "multipart/form-data; boundary=" .. BOUNDARY
        return wrk.format("POST", "/api/v1/imports", headers, import_body(id, account, vendors[slot]))
    elseif kind == "report" then
        return wrk.format("GET", "/api/v1/accounts/" .. account .. "/report", headers)
    elseif kind == "account" then
        return wrk.format("GET", "/api/v1/accounts/" .. account, headers)
    end
    return wrk.format("GET", "/api/v1/accounts", headers)
end

function response(status, headers, body)
    local id
    for name, value in pairs(headers) do
        if string.lower(name) == "x-request-id" then
            id = value
        end
    end
    local entry = id and pending[id]
    if entry == nil then
        results[#results + 1] = "unmatched " .. status .. " " .. tostring(id)
        return
    end
    pending[id] = nil
    local kind, account, start = string.match(entry, "^(%S+) (%S+) (%S+)$")
    results[#results + 1] = string.format("response %s %d %.3f %s %s",
        kind, status, now_ms() - tonumber(start), account, id)
end

function done(summary, latency, requests)
    local out = assert(io.open(require_env("LOAD_MIXED_RESULTS"), "w"))
    for _, thread in ipairs(threads) do
        for _, line in ipairs(thread:get("results")) do
            out:write(line, "\n")
        end
        for id, entry in pairs(thread:get("pending")) do
            local kind, account = string.match(entry, "^(%S+) (%S+)")
            out:write("inflight ", kind, " ", account, " ", id, "\n")
        end
    end
    local counts = {
        requests = summary.requests,
        duration_us = summary.duration,
        bytes = summary.bytes,
        errors_connect = summary.errors.connect,
        errors_read = summary.errors.read,
        errors_write = summary.errors.write,
        errors_status = summary.errors.status,
        errors_timeout = summary.errors.timeout,
        latency_p50_us = latency:percentile(50),
        latency_p90_us = latency:percentile(90),
        latency_p99_us = latency:percentile(99),
        latency_max_us = latency.max,
    }
    for key, value in pairs(counts) do
        out:write("wrk ", key, " ", tostring(value), "\n")
    end
    out:close()
end
