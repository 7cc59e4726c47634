/** The bench's figures as a readable table, and the shape of bench/results.json. */
import type { AcquisitionName, Scale } from './scale.js';
import type { HashFloor, SqliteFloor } from './floor.js';
import type { CheckFigure, CommandTiming } from './measure-check.js';

export interface Machine {
  cpu: string;
  cores: number;
  ramGB: number;
  node: string;
  os: string;
}

export interface AcquisitionRun {
  acquisition: AcquisitionName;
  factor: number;
  path: string;
  /** What the generator put in (files, tar entries, rows). */
  contents: Record<string, number>;
  floor: HashFloor;
  sqliteFloor: SqliteFloor | null;
  check: CheckFigure;
  checkOverHashFloor: number;
  /** The floor when hashing and the sqlite3 reads run one after the other. */
  checkOverHashAndSqliteFloor: number | null;
}

export interface Growth {
  acquisition: AcquisitionName;
  from: number;
  to: number;
  timeRatio: number;
  rssRatio: number | null;
  recordsRatio: number;
}

export interface BenchResults {
  date: string;
  machine: Machine;
  build: string;
  options: Record<string, string>;
  sizes: { factor: number; scale: Scale; generatedSeconds: number; reused: boolean }[];
  startup: CommandTiming[];
  runs: AcquisitionRun[];
  growth: Growth[];
}

function table(headers: readonly string[], rows: readonly (readonly string[])[], rightAligned: (column: number) => boolean = (c) => c > 0): string {
  const widths = headers.map((header, c) => Math.max(header.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (rightAligned(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const seconds = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const megabytes = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : value.toFixed(0));
const ratio = (value: number | null | undefined): string => (value === null || value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(2)}×`);
const count = (value: number): string => value.toLocaleString('en-US');
const size = (bytes: number): string => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(0)} MB`);

export function formatResults(results: BenchResults): string {
  const m = results.machine;
  const out: string[] = [];
  out.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGB.toFixed(1)} GB RAM, Node ${m.node}, ${m.os}`);
  out.push(`Date: ${results.date}; build: ${results.build}`);
  out.push('');
  out.push('Start-up');
  const startupRows = results.startup.map((s) => [s.name, seconds(s.medianSeconds), s.runs.map((r) => r.toFixed(2)).join(' '), megabytes(s.peakRssMB)]);
  const boot = results.startup.find((s) => s.name.startsWith('CLI boot'));
  const index = results.startup.find((s) => s.name.startsWith('indicator index'));
  if (boot && index) startupRows.push(['index alone (iocs list − CLI boot)', seconds(index.medianSeconds - boot.medianSeconds), '', '']);
  out.push(table(['step', 'median s', 'runs', 'peak RSS MB'], startupRows));
  out.push('');
  out.push('Checks against the floor (floor = reading + SHA-256 of every file once, best of openssl and Node on 2 lanes)');
  out.push(
    table(
      ['acquisition', 'files', 'bytes', 'hash floor s', 'MB/s', 'sqlite3 s', 'check s', 'peak RSS MB', 'check/floor', 'check/(floor+sqlite)', 'records'],
      results.runs.map((r) => [
        `${r.acquisition} ${r.factor}×`,
        count(r.floor.files),
        size(r.floor.bytes),
        `${seconds(r.floor.bestSeconds)} (${r.floor.best})`,
        r.floor.megabytesPerSecond.toFixed(0),
        r.sqliteFloor ? seconds(r.sqliteFloor.seconds) : '—',
        r.check.ok ? seconds(r.check.wallSeconds) : `failed (${r.check.exitCode})`,
        megabytes(r.check.peakRssMB),
        r.check.ok ? ratio(r.checkOverHashFloor) : '—',
        r.check.ok ? ratio(r.checkOverHashAndSqliteFloor) : '—',
        count(r.check.records),
      ]),
    ),
  );
  for (const failed of results.runs.filter((r) => !r.check.ok)) out.push(`  ${failed.acquisition} ${failed.factor}×: ${failed.check.error ?? 'failed'}`);
  out.push('');
  out.push('Records per second per artifact (artifacts with at least 1,000 records; time from coverage.json or run.log)');
  const heavy = new Map<string, Map<number, { records: number; rate: number | null; seconds: number | null }>>();
  for (const run of results.runs) {
    for (const artifact of run.check.artifacts) {
      if (artifact.records < 1000) continue;
      const key = `${run.acquisition} ${artifact.artifact}`;
      const byFactor = heavy.get(key) ?? new Map();
      byFactor.set(run.factor, { records: artifact.records, rate: artifact.recordsPerSecond, seconds: artifact.seconds });
      heavy.set(key, byFactor);
    }
  }
  const factors = results.sizes.map((s) => s.factor);
  out.push(
    table(
      ['artifact', ...factors.flatMap((f) => [`${f}× records`, `${f}× s`, `${f}× records/s`])],
      [...heavy.entries()].map(([key, byFactor]) => [
        key,
        ...factors.flatMap((f) => {
          const figure = byFactor.get(f);
          return figure ? [count(figure.records), seconds(figure.seconds), figure.rate === null ? '—' : count(Math.round(figure.rate))] : ['—', '—', '—'];
        }),
      ]),
    ),
  );
  out.push('');
  out.push('Phases of each check (s, from run.log timestamps)');
  const phaseNames = [...new Set(results.runs.flatMap((r) => Object.keys(r.check.phases)))];
  out.push(
    table(
      ['acquisition', ...phaseNames],
      results.runs.map((r) => [`${r.acquisition} ${r.factor}×`, ...phaseNames.map((name) => seconds(r.check.phases[name]))]),
    ),
  );
  if (results.growth.length > 0) {
    out.push('');
    out.push('Growth (time should grow like the records, about the size factor; peak RSS should stay flat, 1×)');
    out.push(
      table(
        ['acquisition', 'size ×', 'records ×', 'time ×', 'peak RSS ×'],
        results.growth.map((g) => [g.acquisition, `${g.from}→${g.to}`, ratio(g.recordsRatio), ratio(g.timeRatio), ratio(g.rssRatio)]),
      ),
    );
  }
  return out.join('\n');
}
