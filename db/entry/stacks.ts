// The `stacks` executable: runs the CLI with the loopback HTTP server plugged in (the one place that holds both).
import { main } from '../cli/main.js';
import { startServer } from '../server/server.js';

// Long-running commands (serve) resolve only when they are done; then the exit code is set, not forced,
// so stdout is flushed before the process ends.
process.exitCode = await main(process.argv.slice(2), { startServer });
