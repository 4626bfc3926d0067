-- xl.cfg (Xen domain configuration) files in Neovim 0.7+: the filetype and
-- the xlcfg language server through Neovim's built-in LSP client (no plugins).
-- `xlcfg-language-server` must be on PATH; otherwise give its full path:
-- cmd = { 'node', '/path/to/xlcfg/bin/xlcfg-language-server.js', '--stdio' }.
vim.api.nvim_create_autocmd({ 'BufNewFile', 'BufRead' }, {
  pattern = { '*.xlcfg', '*.xl', 'xlexample.*', '*/etc/xen/*.cfg', '*/etc/xen/auto/*' },
  callback = function() vim.bo.filetype = 'xlcfg' end,
})

local xlcfg = {
  name = 'xlcfg',
  cmd = { 'xlcfg-language-server', '--stdio' },
  -- The same settings as in VS Code (xlcfg.channel.dialect, xlcfg.xen.version, xlcfg.rules).
  settings = { xlcfg = { channel = { dialect = 'auto' }, xen = { version = '4.20' } } },
}

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'xlcfg',
  callback = function(args)
    xlcfg.root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
    if vim.lsp.start then -- Neovim 0.8 and later
      vim.lsp.start(xlcfg, { bufnr = args.buf })
    else -- Neovim 0.7
      xlcfg.client_id = xlcfg.client_id or vim.lsp.start_client(xlcfg)
      vim.lsp.buf_attach_client(args.buf, xlcfg.client_id)
    end
  end,
})
