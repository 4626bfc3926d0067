/**
 * The xlcfg language server: wires the LSP connection to the feature providers.
 */
import { startServer } from './lsp/connection';

startServer();
