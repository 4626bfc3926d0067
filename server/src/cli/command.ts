/** What a CLI command is: its options, its usage text and what it does. */
import type { OptionSpec, ParsedArgs } from './args';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface CliCommand {
  name: string;
  /** The synopsis and a few lines of explanation (indented), for --help. */
  usage: string;
  options: OptionSpec;
  /** Runs the command; returns the exit status. Throws UsageError for a mistake on the command line. */
  run: (args: ParsedArgs, io: Io) => number;
}
