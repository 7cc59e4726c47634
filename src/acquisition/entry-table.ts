/**
 * The index of an acquisition's tree, kept as parallel columns sorted by path instead of
 * one object per entry: half a million entries cost their path strings and a few bytes
 * each, and a glob's literal prefix narrows a find() to a binary-searched range.
 */
import type { EntryType } from './source.js';
import { globToRegExp } from './glob.js';
import { GlobSet } from './glob-set.js';
import { comparePaths, parentOf } from './tree-path.js';

const TYPE_CODES: readonly EntryType[] = ['file', 'directory', 'symlink'];

function typeCode(type: EntryType): number {
  return TYPE_CODES.indexOf(type);
}

/** Growable numeric columns; typed arrays so that 500,000 rows stay a few megabytes. */
class Column<T extends Float64Array | Uint32Array | Uint8Array> {
  data: T;
  constructor(private readonly make: (size: number) => T, initial = 1024) {
    this.data = make(initial);
  }
  set(index: number, value: number): void {
    if (index >= this.data.length) {
      const grown = this.make(Math.max(index + 1, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[index] = value;
  }
}

export interface TableRow {
  path: string;
  type: EntryType;
  size?: number;
  /** Full st_mode. */
  mode?: number;
  /** Unix microseconds. */
  modified?: number;
  target?: string;
}

/**
 * Collects rows in any order (archives list members as they come), then sorts them. Every
 * row keeps the id it was added with, so a Source can hold its own columns (offsets,
 * hashes) indexed by id.
 */
export class EntryTableBuilder {
  private readonly paths: string[] = [];
  private readonly types = new Column((n) => new Uint8Array(n));
  private readonly sizes = new Column((n) => new Float64Array(n));
  private readonly modes = new Column((n) => new Uint32Array(n));
  private readonly modified = new Column((n) => new Float64Array(n));
  private readonly targets = new Map<number, string>();

  get count(): number {
    return this.paths.length;
  }

  pathOf(id: number): string {
    return this.paths[id] ?? '';
  }

  /** Returns the row's id. */
  add(row: TableRow): number {
    const id = this.paths.length;
    this.paths.push(row.path);
    this.types.set(id, typeCode(row.type));
    this.sizes.set(id, row.size ?? 0);
    this.modes.set(id, row.mode ?? 0);
    this.modified.set(id, row.modified ?? Number.NaN);
    if (row.target !== undefined) this.targets.set(id, row.target);
    return id;
  }

  /**
   * Sorts by path. When a path occurs more than once the last row wins, as when an archive
   * is extracted, and the ids of the rows it hid are returned. Folders that members imply
   * but the archive does not list are added, so every Source presents the same tree shape.
   */
  build(): { table: EntryTable; shadowed: number[] } {
    const shadowed: number[] = [];
    const order = Array.from({ length: this.paths.length }, (_, i) => i);
    const paths = this.paths;
    order.sort((a, b) => comparePaths(paths[a] as string, paths[b] as string) || a - b);
    const kept: number[] = [];
    for (const id of order) {
      const last = kept[kept.length - 1];
      if (last !== undefined && paths[last] === paths[id]) {
        shadowed.push(last);
        kept[kept.length - 1] = id;
      } else {
        kept.push(id);
      }
    }
    // Implied folders: only folders are remembered, so the set stays small.
    const folders = new Set<string>();
    for (const id of kept) if (this.types.data[id] === typeCode('directory')) folders.add(paths[id] as string);
    const present = (path: string): boolean => folders.has(path);
    const missing = new Set<string>();
    let lastParent = '';
    for (const id of kept) {
      let parent = parentOf(paths[id] as string);
      if (parent === lastParent) continue;
      lastParent = parent;
      while (parent !== '' && !present(parent) && !missing.has(parent)) {
        missing.add(parent);
        parent = parentOf(parent);
      }
    }
    let ids = kept;
    if (missing.size > 0) {
      for (const folder of missing) {
        // A folder implied where a file of the same name exists stays a file: the conflict is the archive's.
        if (this.indexIn(kept, folder) >= 0) continue;
        ids.push(this.add({ path: folder, type: 'directory' }));
      }
      ids = [...ids].sort((a, b) => comparePaths(paths[a] as string, paths[b] as string));
    }
    const table = new EntryTable(
      ids.map((id) => paths[id] as string),
      Uint32Array.from(ids),
      Uint8Array.from(ids, (id) => this.types.data[id] ?? 0),
      Float64Array.from(ids, (id) => this.sizes.data[id] ?? 0),
      Uint32Array.from(ids, (id) => this.modes.data[id] ?? 0),
      Float64Array.from(ids, (id) => this.modified.data[id] ?? Number.NaN),
      // Looked up by the id of a kept row, so targets of shadowed rows are simply never asked for.
      this.targets,
    );
    return { table, shadowed };
  }

  private indexIn(sortedIds: readonly number[], path: string): number {
    let low = 0;
    let high = sortedIds.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const cmp = comparePaths(this.paths[sortedIds[mid] as number] as string, path);
      if (cmp === 0) return mid;
      if (cmp < 0) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }
}

export interface TableEntry {
  index: number;
  id: number;
  path: string;
  type: EntryType;
  size: number;
  mode: number | undefined;
  modified: number | undefined;
  target: string | undefined;
}

export class EntryTable {
  constructor(
    private readonly paths: readonly string[],
    private readonly ids: Uint32Array,
    private readonly types: Uint8Array,
    private readonly sizes: Float64Array,
    private readonly modes: Uint32Array,
    private readonly modified: Float64Array,
    /** Symlink targets by row id. */
    private readonly targets: ReadonlyMap<number, string>,
  ) {}

  get length(): number {
    return this.paths.length;
  }

  /** Position of a path in sorted order, or -1. */
  indexOf(path: string): number {
    const found = this.lowerBound(path);
    return this.paths[found] === path ? found : -1;
  }

  /** First position whose path is >= `path`. */
  private lowerBound(path: string): number {
    let low = 0;
    let high = this.paths.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.paths[mid] as string) < path) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  pathAt(index: number): string {
    return this.paths[index] as string;
  }

  typeAt(index: number): EntryType {
    return TYPE_CODES[this.types[index] ?? 0] as EntryType;
  }

  idAt(index: number): number {
    return this.ids[index] as number;
  }

  at(index: number): TableEntry {
    const id = this.idAt(index);
    const mode = this.modes[index] ?? 0;
    const modified = this.modified[index] ?? Number.NaN;
    return {
      index,
      id,
      path: this.pathAt(index),
      type: this.typeAt(index),
      size: this.sizes[index] ?? 0,
      mode: mode === 0 ? undefined : mode,
      modified: Number.isNaN(modified) ? undefined : modified,
      target: this.targets.get(id),
    };
  }

  /** Positions of the paths a glob matches, in path order. */
  *match(pattern: string): Generator<number> {
    const star = pattern.indexOf('*');
    if (star < 0) {
      const index = this.indexOf(pattern);
      if (index >= 0) yield index;
      return;
    }
    // Every match starts with the text before the first wildcard.
    const prefix = pattern.slice(0, star);
    // `**` as a regular expression backtracks on every long path; segment by segment, sibling
    // paths share their folder's states.
    const matcher = pattern.includes('**') ? new GlobSet([pattern]) : globToRegExp(pattern);
    const test = (path: string): boolean => (matcher instanceof GlobSet ? matcher.matches(path) : matcher.test(path));
    for (let index = this.lowerBound(prefix); index < this.paths.length; index++) {
      const path = this.paths[index] as string;
      if (!path.startsWith(prefix)) return;
      if (test(path)) yield index;
    }
  }
}
