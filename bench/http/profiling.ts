// One more run of a server at the headline sync with the V8 profiler on for the measured window;
// the run's figures are not comparable (the profiler costs CPU), its breakdown is the point.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpBenchConfig, Sync } from './config';
import { measureServer, type RunResult } from './measure';
import { summarizeProfile, type CpuProfile, type ProfileSummary } from './profile-summary';
import { writeJson } from './report';
import { removeDir, tempDir, type ServerKind } from './servers';

export interface ProfiledRun {
  server: ServerKind;
  sync: Sync;
  run: RunResult;
  summary: ProfileSummary;
}

/** `keepAs`: also keep the raw .cpuprofile there (opens in Chrome DevTools). */
export async function profileServer(
  kind: ServerKind,
  sync: Sync,
  config: HttpBenchConfig,
  logLevel: string,
  log: (line: string) => void,
  keepAs?: string,
): Promise<ProfiledRun> {
  const dir = tempDir('pm-http-bench-profile-');
  try {
    const file = join(dir, `${kind}.cpuprofile`);
    log(`profiling the ${kind} server (sync=${sync}) over one more measured run ...`);
    const run = await measureServer(kind, sync, config, { round: 0, logLevel, profileFile: file, log });
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    if (keepAs) {
      writeJson(keepAs, profile);
      log(`profile kept at ${keepAs}`);
    }
    return { server: kind, sync, run, summary: summarizeProfile(profile, run.responses, 25) };
  } finally {
    removeDir(dir);
  }
}
