/** An error as the server's log shows it: its stack where it has one, else its message or its text. */
export function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
