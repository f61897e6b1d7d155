import { SingleBar, Presets } from 'cli-progress';

/** A progress bar on stderr with events/s and ETA, so stdout stays clean for data. */
export function eventProgressBar(label: string): SingleBar {
  return new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}`,
      stream: process.stderr,
      etaBuffer: 5000,
      fps: 5,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    Presets.shades_classic,
  );
}
