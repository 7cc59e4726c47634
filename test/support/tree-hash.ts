/** SHA-256 of every file under a folder, to prove a run wrote nothing there. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, lstatSync } from 'node:fs';
import { join, relative } from 'node:path';

export function hashTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const stats = lstatSync(path);
      const key = relative(root, path);
      if (entry.isDirectory()) {
        out[`${key}/`] = `dir ${stats.mode.toString(8)}`;
        walk(path);
      } else {
        out[key] = `${stats.mode.toString(8)} ${stats.mtimeMs} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
      }
    }
  };
  walk(root);
  return out;
}
