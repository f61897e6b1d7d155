// Preloaded (-r) into a server under test when the bench profiles it. Over the IPC channel the
// bench sends 'profile:start', then 'profile:stop': the V8 CPU profile of that window is written
// to BENCH_CPU_PROFILE_FILE (via a rename, so the file appears complete) and 'profile:written'
// is sent back. Only the measured window is profiled, not start-up or seeding. (Not a signal:
// Nest's shutdown hooks take SIGUSR2 as a shutdown signal.)
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const file = process.env.BENCH_CPU_PROFILE_FILE;
if (file && process.send) {
  const session = new Session();
  session.connect();
  process.channel?.unref();
  process.on('message', (message) => {
    if (message === 'profile:start') {
      session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')));
    } else if (message === 'profile:stop') {
      session.post('Profiler.stop', (error, result) => {
        if (error) {
          console.error(`cpu profile failed: ${error.message}`);
          return;
        }
        writeFileSync(`${file}.part`, JSON.stringify(result.profile));
        renameSync(`${file}.part`, file);
        process.send?.('profile:written');
      });
    }
  });
}
