/** Entry point of the `xlcfg` command (bundled as dist/cli.js). */
import { run } from './main';

export { main, run } from './main';

if (require.main === module) run();
