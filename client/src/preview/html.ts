/**
 * The preview webview's HTML: a static shell; the script (dist/webview.js)
 * builds everything else from the messages it receives. Pure, so the browser
 * tests load exactly what the extension loads.
 */
import { randomBytes } from 'node:crypto';

export interface PreviewHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random value per HTML (see `makeNonce`). */
  nonce: string;
  /** `webview.asWebviewUri(dist/webview.js)`, as a string. */
  scriptUri: string;
  /** `webview.asWebviewUri(dist/webview.css)`, as a string. */
  styleUri: string;
}

/** 128 random bits, base64 without padding (only [A-Za-z0-9+/]). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64').replace(/=+$/, '');
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The Content-Security-Policy of the preview: nothing but our own script and styles. */
export function previewCsp(cspSource: string, nonce: string): string {
  const src = cspSource.replace(/[;"\r\n]/g, '');
  const n = nonce.replace(/[^A-Za-z0-9+/=_-]/g, '');
  return [
    "default-src 'none'",
    `style-src ${src} 'nonce-${n}'`,
    `script-src 'nonce-${n}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function previewHtml({ cspSource, nonce, scriptUri, styleUri }: PreviewHtmlInput): string {
  const n = attr(nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(previewCsp(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" nonce="${n}" href="${attr(styleUri)}">
<title>xl.cfg preview</title>
</head>
<body>
<div id="app" class="app" aria-busy="true"><p class="placeholder">Loading the preview…</p></div>
<script nonce="${n}" src="${attr(scriptUri)}"></script>
</body>
</html>
`;
}
