/**
 * The xlcfg command line: `xlcfg COMMAND [OPTIONS] FILE...`. Each command is
 * one module (checkCommand.ts, showCommand.ts, parseCommand.ts, previewCommand.ts) listed in
 * COMMANDS; a new one is a module and a line there.
 */
import { readArgs, UsageError } from './args';
import { CHECK } from './checkCommand';
import type { CliCommand, Io } from './command';
import { PARSE } from './parseCommand';
import { PREVIEW } from './previewCommand';
import { SHOW } from './showCommand';
import { terminalSafe } from './terminal';

export type { Io } from './command';

/** The commands, in the order --help lists them. */
const COMMANDS: readonly CliCommand[] = [CHECK, SHOW, PARSE, PREVIEW];

const TAIL = `VERSION (--xen; --target is an alias) is a Xen release (4.22, 4.18.0, ...) or
seed-2014. Default: the file's own '# xlcfg: xen=VERSION' comment, else the
release of the xl installed on this machine, else the newest release
(xen-4.5+ means that default). FILE may be - for standard input.`;

export function usage(): string {
  return ['Usage:', ...COMMANDS.map((c) => `  ${c.usage}`), '  xlcfg --help | --version | COMMAND --help', '', TAIL].join('\n');
}

function commandUsage(c: CliCommand): string {
  return `Usage:\n  ${c.usage}\n\n${TAIL}`;
}

declare const XLCFG_VERSION: string | undefined;
const VERSION = typeof XLCFG_VERSION === 'string' ? XLCFG_VERSION : '0.0.0-dev';

function dispatch(argv: string[], io: Io): number {
  const first = argv[0];
  if (first === undefined) {
    io.err(usage());
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.out(usage());
    return 0;
  }
  if (first === '--version') {
    io.out(VERSION);
    return 0;
  }
  // The command comes first, or after options (`xlcfg --xen 4.17 check FILE`).
  const at = first.startsWith('-') ? argv.findIndex((a) => COMMANDS.some((c) => c.name === a)) : 0;
  const command = COMMANDS.find((c) => c.name === argv[at]);
  if (!command) throw new UsageError(first.startsWith('-') ? `no command given (${COMMANDS.map((c) => c.name).join(', ')})` : `unknown command '${first}'`);
  const args = readArgs([...argv.slice(0, at), ...argv.slice(at + 1)], command.options);
  if (args.values.help === true) {
    io.out(commandUsage(command));
    return 0;
  }
  return command.run(args, io);
}

export function main(argv: string[], rawIo: Io): number {
  // Nothing from a file (a raw CR in xl's message, an escape sequence in a name) reaches the terminal as a control character.
  const io: Io = { out: (s) => rawIo.out(terminalSafe(s)), err: (s) => rawIo.err(terminalSafe(s)) };
  try {
    return dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`xlcfg: ${e.message}\nRun 'xlcfg --help' for the usage.`);
      return 2;
    }
    const err = e as Error;
    io.err(`xlcfg: internal error: ${err.message}`);
    return 2;
  }
}

/** Runs the CLI on this process's arguments and standard streams. */
export function run(): void {
  // Lines are written in blocks: one write per line cost more than the check itself for a file with 150,000 findings.
  const lines = (stream: NodeJS.WriteStream) => {
    let block: string[] = [];
    let size = 0;
    const flush = () => {
      // (The last line break joined in, not appended: a block + '\n' is a rope that Buffer.from encodes at a third of the speed.)
      block.push('');
      if (block.length > 1) stream.write(block.join('\n'));
      block = [];
      size = 0;
    };
    const add = (s: string) => {
      block.push(s);
      size += s.length;
      if (size > 1 << 16) flush();
    };
    return { add, flush };
  };
  const out = lines(process.stdout);
  const err = lines(process.stderr);
  try {
    process.exitCode = main(process.argv.slice(2), { out: out.add, err: err.add });
  } finally {
    out.flush();
    err.flush();
  }
}
