#!/usr/bin/env node
'use strict';
// The language server for any LSP editor. Talks LSP over stdio unless another
// transport (--node-ipc, --socket=PORT, --pipe=NAME) is given.
if (!process.argv.slice(2).some((a) => /^--(stdio|node-ipc|socket|pipe|clientProcessId)/.test(a))) process.argv.push('--stdio');
require('../dist/server.js');
