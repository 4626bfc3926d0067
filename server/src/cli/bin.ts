/** Entry point of the `xlcfg` command (bundled as dist/cli.js). */
import { run } from './main';

export { main, run } from './main';

// A closed pipe (`xlcfg preview FILE | head`) ends the output quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

if (require.main === module) run();
