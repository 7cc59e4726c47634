/**
 * How the folder walk and the tar index scale: writes a file-system dump of N files (a
 * folder and the same tree as a .tar), then opens each in a child process of its own and
 * reports open time, peak RSS, and the cost of find() and a full entries() pass.
 *
 *   npx tsx bench/source-index.ts [files=200000] [work folder]
 *
 * A measurement, not a test: nothing here asserts a time.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { tarHeader } from '../test/builders/archives.js';

const APPS = 400;
const FOLDERS_PER_APP = 25;

/** Path i of the synthetic dump: apps with nested Library folders, like a real one. */
function pathAt(i: number): string {
  const app = i % APPS;
  const folder = Math.floor(i / APPS) % FOLDERS_PER_APP;
  const uuid = `${app.toString(16).padStart(8, '0')}-0000-4000-8000-${(app * 7919).toString(16).padStart(12, '0')}`;
  return `private/var/mobile/Containers/Data/Application/${uuid}/Library/Caches/f${folder}/file-${i}.dat`;
}

function contentAt(i: number): Buffer {
  return Buffer.from(`content of file ${i}\n`);
}

async function write(stream: WriteStream, chunk: Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function generate(root: string, count: number): Promise<{ folder: string; tar: string }> {
  const folder = join(root, 'dump');
  const tar = join(root, 'dump.tar');
  if (existsSync(join(root, 'done'))) return { folder, tar };
  rmSync(root, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const out = createWriteStream(tar);
  const made = new Set<string>();
  for (let i = 0; i < count; i++) {
    const path = pathAt(i);
    const parent = path.slice(0, path.lastIndexOf('/'));
    if (!made.has(parent)) {
      mkdirSync(join(folder, parent), { recursive: true });
      made.add(parent);
    }
    const content = contentAt(i);
    writeFileSync(join(folder, path), content);
    await write(out, Buffer.concat([tarHeader({ name: path }, content.length), content, Buffer.alloc((512 - (content.length % 512)) % 512)]));
  }
  await write(out, Buffer.alloc(1024));
  out.end();
  await once(out, 'close');
  writeFileSync(join(root, 'done'), '');
  return { folder, tar };
}

/** Runs in the child: opens one Source and prints its figures as JSON. */
async function measure(kind: 'folder' | 'tar', path: string): Promise<void> {
  const { WorkingDir } = await import('../src/acquisition/working-dir.js');
  const { openFolderSource } = await import('../src/acquisition/folder-source.js');
  const { openTarSource } = await import('../src/acquisition/tar-source.js');
  const workDir = WorkingDir.create();
  const baseline = process.memoryUsage();
  let peak = baseline.rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const source =
    kind === 'folder'
      ? await openFolderSource(path, 'ios-fs', workDir)
      : await openTarSource(path, 'ios-fs', workDir, { wanted: ['private/var/mobile/Library/SMS/sms.db', '**/Library/Preferences/*.plist', '**/file-7.dat'] });
  const opened = performance.now() - started;
  global.gc?.();
  const afterOpen = process.memoryUsage();
  let t = performance.now();
  const deep = source.find('**/file-199999.dat').length + source.find('**/f3/*.dat').length;
  const findGlobstar = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < 1000; i++) source.find(pathAt(i * 17));
  const findLiteral = (performance.now() - t) / 1000;
  t = performance.now();
  let entries = 0;
  for (const _entry of source.entries()) entries += 1;
  const iterate = performance.now() - t;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  source.close();
  workDir.remove();
  const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
  console.log(
    JSON.stringify({
      kind,
      entries,
      baselineRssMB: mb(baseline.rss),
      openSeconds: +(opened / 1000).toFixed(2),
      entriesPerSecondAtOpen: Math.round(entries / (opened / 1000)),
      heapAfterOpenMB: mb(afterOpen.heapUsed),
      rssAfterOpenMB: mb(afterOpen.rss),
      heapGrowthMB: mb(afterOpen.heapUsed - baseline.heapUsed),
      peakRssMB: mb(Math.max(peak, process.resourceUsage().maxRSS * 1024)),
      findTwoGlobstarsMs: +findGlobstar.toFixed(1),
      findLiteralMs: +findLiteral.toFixed(3),
      entriesPassSeconds: +(iterate / 1000).toFixed(2),
      matched: deep,
    }),
  );
}

async function main(): Promise<void> {
  const [mode, a, b] = process.argv.slice(2);
  if (mode === 'measure') {
    await measure(a as 'folder' | 'tar', b as string);
    return;
  }
  const count = Number(mode ?? 200_000);
  const root = a ?? join(tmpdir(), `exhibit-bench-source-${count}`);
  const generatedAt = performance.now();
  const { folder, tar } = await generate(root, count);
  console.log(`tree of ${count} files ready in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s at ${root}`);
  const self = fileURLToPath(import.meta.url);
  for (const [kind, path] of [
    ['folder', folder],
    ['tar', tar],
  ] as const) {
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, 'measure', kind, path], { encoding: 'utf8' });
    process.stdout.write(run.stdout);
    if (run.status !== 0) process.stderr.write(run.stderr);
  }
}

await main();
