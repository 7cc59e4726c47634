/**
 * Runs the built CLI as a user would (`node bin/exhibit.js check ACQ -o DIR`) under
 * `/usr/bin/time`, and reads the wall time, the child's peak RSS, and from the results
 * folder the records and the time of each artifact and of each phase of the run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ArtifactFigure {
  artifact: string;
  status: string;
  records: number;
  /** From coverage.json's duration_ms when the build writes it, else from run.log timestamps. */
  seconds: number | null;
  secondsFrom: 'coverage' | 'run.log' | 'none';
  recordsPerSecond: number | null;
}

export interface CheckFigure {
  ok: boolean;
  exitCode: number | null;
  error?: string;
  wallSeconds: number;
  peakRssMB: number | null;
  records: number;
  artifacts: ArtifactFigure[];
  /** Seconds of each phase, from run.log's timestamps (boot is measured from the spawn). */
  phases: Record<string, number>;
}

interface CoverageArtifact {
  artifact: string;
  status: string;
  records: number;
  duration_ms?: number;
}

const LOG_LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z) (INFO|WARN|ERROR) (.*)$/;

interface LogLine {
  at: number;
  message: string;
}

function readRunLog(path: string): LogLine[] {
  if (!existsSync(path)) return [];
  const lines: LogLine[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = LOG_LINE.exec(line);
    if (match) lines.push({ at: Date.parse(match[1] ?? ''), message: match[3] ?? '' });
  }
  return lines;
}

/** Per-artifact seconds: the gap between an artifact's log line and the line before it. */
function artifactSecondsFromLog(lines: readonly LogLine[]): Map<string, number> {
  const out = new Map<string, number>();
  let previous: number | undefined;
  for (const line of lines) {
    const match = /^artifact ([^:]+): (parsed|missing|failed|unsupported)/.exec(line.message);
    if (match && previous !== undefined) out.set(match[1] ?? '', (line.at - previous) / 1000);
    // WARN lines about an artifact are written after its own line; they do not start the next one.
    if (!line.message.startsWith('artifact ') || match) previous = line.at;
  }
  return out;
}

function phasesFromLog(lines: readonly LogLine[], spawnedAt: number, endedAt: number): Record<string, number> {
  const first = (test: (message: string) => boolean): number | undefined => lines.find((line) => test(line.message))?.at;
  const last = (test: (message: string) => boolean): number | undefined => [...lines].reverse().find((line) => test(line.message))?.at;
  const indicators = first((m) => m.startsWith('indicators:'));
  const acquisition = first((m) => m.startsWith('acquisition:'));
  const evidence = first((m) => m.startsWith('evidence:'));
  const lastArtifact = last((m) => /^artifact [^:]+: (parsed|missing|failed|unsupported)/.test(m));
  const findings = first((m) => m.startsWith('findings:'));
  const phases: Record<string, number> = {};
  const span = (name: string, from: number | undefined, to: number | undefined): void => {
    if (from !== undefined && to !== undefined && to >= from) phases[name] = (to - from) / 1000;
  };
  span('boot + indicator index', spawnedAt, indicators);
  span('open acquisition', indicators, acquisition);
  span('evidence hashing', acquisition, evidence);
  span('artifacts', evidence ?? acquisition, lastArtifact);
  span('findings, seal, timeline', lastArtifact, findings);
  span('report + exit', findings, endedAt);
  return phases;
}

function readCoverage(path: string): CoverageArtifact[] {
  if (!existsSync(path)) return [];
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { artifacts?: CoverageArtifact[] };
  return doc.artifacts ?? [];
}

export interface CheckRunOptions {
  repo: string;
  acquisition: string;
  env: NodeJS.ProcessEnv;
  /** Keep the results folder (for inspection) instead of deleting it. */
  keep?: boolean;
}

export function hasGnuTime(): boolean {
  return existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%e', 'true']).status === 0;
}

export async function measureCheck(options: CheckRunOptions): Promise<CheckFigure & { resultsDir: string }> {
  const scratch = mkdtempSync(join(tmpdir(), 'exhibit-bench-'));
  const resultsDir = join(scratch, 'results');
  const timeFile = join(scratch, 'time.txt');
  const cli = ['bin/exhibit.js', 'check', options.acquisition, '-o', resultsDir, '--no-progress', '--json'];
  const gnuTime = hasGnuTime();
  const [command, args] = gnuTime ? ['/usr/bin/time', ['-f', '%e %M', '-o', timeFile, process.execPath, ...cli]] : [process.execPath, cli];
  const spawnedAt = Date.now();
  const started = performance.now();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.repo, env: options.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve({ code: exitCode, stderr: err }));
  });
  const endedAt = Date.now();
  let wallSeconds = (performance.now() - started) / 1000;
  let peakRssMB: number | null = null;
  if (gnuTime && existsSync(timeFile)) {
    // The last line holds the figures; a first line may say the command exited non-zero.
    const figures = readFileSync(timeFile, 'utf8').trim().split('\n').pop()?.split(' ') ?? [];
    const elapsed = Number(figures[0]);
    const rssKB = Number(figures[1]);
    if (Number.isFinite(elapsed)) wallSeconds = elapsed;
    if (Number.isFinite(rssKB)) peakRssMB = rssKB / 1024;
  }
  // 0 is a clean check and 1 a check with findings; anything else is a failure.
  const ok = code === 0 || code === 1;
  const coverage = readCoverage(join(resultsDir, 'coverage.json'));
  const lines = readRunLog(join(resultsDir, 'run.log'));
  const fromLog = artifactSecondsFromLog(lines);
  const artifacts: ArtifactFigure[] = coverage.map((entry) => {
    const fromCoverage = typeof entry.duration_ms === 'number' ? entry.duration_ms / 1000 : undefined;
    const logged = fromLog.get(entry.artifact);
    const seconds = fromCoverage ?? logged ?? null;
    return {
      artifact: entry.artifact,
      status: entry.status,
      records: entry.records,
      seconds,
      secondsFrom: fromCoverage !== undefined ? 'coverage' : logged !== undefined ? 'run.log' : 'none',
      // run.log has millisecond stamps: below 5 ms a rate means nothing.
      recordsPerSecond: seconds !== null && seconds >= 0.005 && entry.records > 0 ? entry.records / seconds : null,
    };
  });
  const figure: CheckFigure & { resultsDir: string } = {
    ok,
    exitCode: code,
    wallSeconds,
    peakRssMB,
    records: artifacts.reduce((sum, artifact) => sum + artifact.records, 0),
    artifacts,
    phases: phasesFromLog(lines, spawnedAt, endedAt),
    resultsDir,
  };
  if (!ok) figure.error = stderr.trim().split('\n').slice(-3).join(' ');
  if (!options.keep) rmSync(scratch, { recursive: true, force: true });
  return figure;
}

export interface CommandTiming {
  name: string;
  command: string;
  runs: number[];
  medianSeconds: number;
  peakRssMB: number | null;
}

/** Wall time of a short command, `repeat` times; the median is reported, the runs kept. */
export function timeCommand(
  name: string,
  argsFor: (scratch: string, run: number) => string[],
  options: { repo: string; env: NodeJS.ProcessEnv; repeat: number },
): CommandTiming {
  const runs: number[] = [];
  let peak: number | null = null;
  const scratch = mkdtempSync(join(tmpdir(), 'exhibit-bench-'));
  let args: string[] = [];
  for (let i = 0; i < options.repeat; i++) {
    args = argsFor(scratch, i);
    const timeFile = join(scratch, 'time.txt');
    const started = performance.now();
    const run = hasGnuTime()
      ? spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', timeFile, process.execPath, ...args], { cwd: options.repo, env: options.env, stdio: 'ignore' })
      : spawnSync(process.execPath, args, { cwd: options.repo, env: options.env, stdio: 'ignore' });
    runs.push((performance.now() - started) / 1000);
    if (run.status !== 0 && run.status !== 1) throw new Error(`${name}: node ${args.join(' ')} exited with ${run.status}`);
    if (existsSync(timeFile)) {
      const rss = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()?.split(' ')[1]);
      if (Number.isFinite(rss)) peak = Math.max(peak ?? 0, rss / 1024);
    }
  }
  rmSync(scratch, { recursive: true, force: true });
  const sorted = [...runs].sort((a, b) => a - b);
  return { name, command: `node ${args.join(' ')}`, runs, medianSeconds: sorted[Math.floor(sorted.length / 2)] ?? 0, peakRssMB: peak };
}
