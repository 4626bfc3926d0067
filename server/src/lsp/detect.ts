/**
 * xlcfg/detectDomainConfig: whether a file the editor opened as Properties,
 * INI or plain text is a Xen domain config (check/recognize.ts). The answer
 * and its reason go to the log, so a user can see why a file was (not) switched.
 */
import type { Connection } from 'vscode-languageserver';
import { recognizeDomainConfig } from '../check/recognize';
import { parse } from '../syntax/parser';
import { DETECT_REQUEST, DetectParams, DetectResult } from './protocol';

/** The most text looked at (a client sends no more; a larger one is cut here). */
export const DETECT_MAX_CHARS = 65536;

export function detect(params: DetectParams): DetectResult {
  const text = typeof params?.text === 'string' ? params.text.slice(0, DETECT_MAX_CHARS) : '';
  return recognizeDomainConfig(parse(text));
}

export function registerDetect(connection: Connection, log: (message: string) => void): void {
  connection.onRequest(DETECT_REQUEST, (params: DetectParams): DetectResult => {
    const r = detect(params);
    log(`${params?.uri ?? 'a file'}: ${r.domainConfig ? 'a Xen domain config' : 'not a Xen domain config'}: ${r.reason}`);
    return r;
  });
}
