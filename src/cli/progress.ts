/** A progress bar on stderr while a check runs, only when a person is watching a terminal. */
import cliProgress from 'cli-progress';
import type { CheckProgress } from '../pipeline/check.js';

export function terminalProgress(enabled: boolean): { progress: CheckProgress; stop(): void } {
  if (!enabled || !process.stderr.isTTY) return { progress: {}, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: 'Checking {bar} {value}/{total} artifacts | {artifact} {records}',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const progress: CheckProgress = {
    opened: (_info, artifacts) => {
      bar.start(artifacts, 0, { artifact: '', records: '' });
      started = true;
    },
    artifactStarted: (extractor, position) => bar.update(position, { artifact: extractor.id, records: '' }),
    recordsRead: (_extractor, count) => bar.update({ records: `(${count.toLocaleString('en')} records)` }),
    artifactDone: () => bar.increment(),
  };
  return {
    progress,
    stop: () => {
      if (started) bar.stop();
    },
  };
}
