-- Run by test/editors/neovim.test.ts after init.lua (the README snippet) has
-- opened a broken config:
--   nvim --headless -n -i NONE -u test/editors/init.lua -c 'luafile test/editors/nvim-check.lua' FILE
-- Asks Neovim's own LSP client what it got (vim.lsp.buf_get_clients,
-- vim.diagnostic.get, vim.lsp.buf_request_sync) and writes it as JSON to
-- $XLCFG_RESULT; the node test makes the assertions. Polls with vim.wait,
-- never sleeps. Always quits.
local out = assert(os.getenv('XLCFG_RESULT'), 'XLCFG_RESULT is not set')
local result = { ok = false, nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch }

local function codes_of(diags)
  local t = {}
  for _, d in ipairs(diags) do
    table.insert(t, {
      code = d.code ~= nil and tostring(d.code) or vim.NIL,
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      source = d.source or vim.NIL,
      message = d.message,
    })
  end
  table.sort(t, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    return a.col < b.col
  end)
  return t
end

local function has_code(buf, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code then return true end
  end
  return false
end

local function labels(responses)
  local t = {}
  for _, r in pairs(responses or {}) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, item in ipairs(items) do table.insert(t, item.label) end
  end
  return t
end

local function complete(buf, line, character)
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = character } }
  local responses, err = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 10000)
  if err then error('completion: ' .. tostring(err)) end
  return labels(responses)
end

local function main()
  local buf = vim.api.nvim_get_current_buf()
  result.file = vim.api.nvim_buf_get_name(buf)
  result.filetype = vim.bo[buf].filetype

  -- The client from init.lua is attached and the server has answered initialize.
  if not vim.wait(20000, function()
    for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
      if c.initialized then return true end
    end
    return false
  end, 20) then error('no initialized LSP client attached to the buffer') end
  result.clients = {}
  for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
    table.insert(result.clients, { name = c.name, cmd = c.config.cmd })
  end

  -- Diagnostics, published by the server for the open buffer.
  if not vim.wait(20000, function() return has_code(buf, 'channel-unknown-connection') end, 20) then
    result.diagnostics = codes_of(vim.diagnostic.get(buf))
    error('no channel-unknown-connection diagnostic')
  end
  result.diagnostics = codes_of(vim.diagnostic.get(buf))

  -- Completion inside a channel string: the values after connection= (line 9, where PTY is) ...
  result.completion_values = complete(buf, 8, 39)
  -- ... and, in a new entry typed into the list, the keys it does not have yet.
  vim.api.nvim_buf_set_lines(buf, 13, 13, false, { '    "name=org.example.new.0,",' })
  result.new_line = vim.api.nvim_buf_get_lines(buf, 13, 14, false)[1]
  result.completion_keys = complete(buf, 13, 28)

  -- Settings reach the server live (workspace/didChangeConfiguration, then its workspace/configuration request).
  for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
    c.config.settings.xlcfg.channel.dialect = 'seed'
    c.notify('workspace/didChangeConfiguration', { settings = c.config.settings })
  end
  result.seed_dialect = vim.wait(20000, function() return has_code(buf, 'channel-no-output') end, 20)
  result.ok = true
end

local ok, err = pcall(main)
if not ok then result.error = tostring(err) end
local f = assert(io.open(out, 'w'))
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd('qall!')
