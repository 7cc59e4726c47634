/**
 * Many globs matched at once, segment by segment: the paths every extractor of an
 * acquisition kind declares, tested against each of half a million archive members. Same
 * semantics as glob.ts (`*` within a segment, `**` zero or more whole segments; a final
 * `**` one or more), but a path walks a small set of live states instead of being tested
 * against every pattern's regular expression.
 */
import { globToRegExp } from './glob.js';

type Segment = { kind: 'literal'; text: string } | { kind: 'wild'; regex: RegExp } | { kind: 'globstar' };

interface Compiled {
  segments: Segment[];
}

/** A live state: pattern index and the segment it waits for, packed into one number. */
type State = number;

const STRIDE = 1 << 16;
const FOLDER_CACHE = 4096;

function compileSegment(text: string): Segment {
  if (text === '**') return { kind: 'globstar' };
  if (!text.includes('*')) return { kind: 'literal', text };
  // A single segment pattern: globToRegExp already anchors it and keeps `*` inside the segment.
  return { kind: 'wild', regex: globToRegExp(text) };
}

export class GlobSet {
  private readonly patterns: Compiled[];
  private readonly initial: State[];
  /** States after each folder seen lately: members come folder by folder, sometimes asked twice. */
  private readonly folderStates = new Map<string, State[]>();
  /** The last two folders asked for, compared before hashing a long key into the map. */
  private recent: [string, State[]][] = [];

  constructor(globs: readonly string[]) {
    this.patterns = globs.map((glob) => ({ segments: glob.split('/').map(compileSegment) }));
    if (this.patterns.some((pattern) => pattern.segments.length >= STRIDE)) throw new Error('GlobSet: pattern too deep');
    this.initial = this.closure(this.patterns.map((_, index) => index * STRIDE));
  }

  get size(): number {
    return this.patterns.length;
  }

  private segmentAt(state: State): Segment | undefined {
    return this.patterns[Math.floor(state / STRIDE)]?.segments[state % STRIDE];
  }

  private isFinal(state: State): boolean {
    const pattern = this.patterns[Math.floor(state / STRIDE)];
    return pattern !== undefined && state % STRIDE === pattern.segments.length;
  }

  /** Adds the states reachable without consuming a segment: a non-final `**` may match none. */
  private closure(states: State[]): State[] {
    const out = new Set<State>();
    const stack = [...states];
    while (stack.length > 0) {
      const state = stack.pop() as State;
      if (out.has(state)) continue;
      out.add(state);
      const segment = this.segmentAt(state);
      const pattern = this.patterns[Math.floor(state / STRIDE)];
      if (segment?.kind === 'globstar' && pattern && state % STRIDE < pattern.segments.length - 1) stack.push(state + 1);
    }
    return [...out];
  }

  private step(states: readonly State[], name: string): State[] {
    const next: State[] = [];
    for (const state of states) {
      const segment = this.segmentAt(state);
      if (!segment) continue;
      if (segment.kind === 'globstar') {
        next.push(state);
        const pattern = this.patterns[Math.floor(state / STRIDE)];
        // A final `**` matches one or more segments: having consumed one, the pattern may end.
        if (pattern && state % STRIDE === pattern.segments.length - 1) next.push(state + 1);
      } else if (segment.kind === 'literal' ? segment.text === name : segment.regex.test(name)) {
        next.push(state + 1);
      }
    }
    return next.length === 0 ? next : this.closure(next);
  }

  private statesFor(folder: string): State[] {
    if (folder === '') return this.initial;
    for (const [seen, states] of this.recent) if (seen === folder) return states;
    const cached = this.folderStates.get(folder) ?? this.compute(folder);
    this.recent = [[folder, cached], ...this.recent.slice(0, 1)];
    return cached;
  }

  private compute(folder: string): State[] {
    const slash = folder.lastIndexOf('/');
    const parent = this.statesFor(slash < 0 ? '' : folder.slice(0, slash));
    const states = parent.length === 0 ? parent : this.step(parent, folder.slice(slash + 1));
    // Bounded: a cache, not an index of the archive's folders.
    if (this.folderStates.size >= FOLDER_CACHE) this.folderStates.clear();
    this.folderStates.set(folder, states);
    return states;
  }

  matches(path: string): boolean {
    if (this.patterns.length === 0 || path === '') return false;
    const slash = path.lastIndexOf('/');
    const states = this.statesFor(slash < 0 ? '' : path.slice(0, slash));
    if (states.length === 0) return false;
    const name = path.slice(slash + 1);
    // Only a transition onto the pattern's end accepts, so no closure (and no allocation) here.
    for (const state of states) {
      const segment = this.segmentAt(state);
      if (!segment || !this.isFinal(state + 1)) continue;
      if (segment.kind === 'globstar' || (segment.kind === 'literal' ? segment.text === name : segment.regex.test(name))) return true;
    }
    return false;
  }
}
