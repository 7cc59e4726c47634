/**
 * A parser for the part of the STIX 2.1 patterning language that indicator feeds use:
 * `=` comparisons on string values, joined by OR inside one `[...]` or between
 * observation expressions. Anything that would need more than "this one value was seen"
 * to be true (AND, FOLLOWEDBY, qualifiers, other operators, non-string values) is reported
 * as unsupported rather than half-understood, so a caller never indexes a value whose
 * pattern means something narrower than a plain match.
 */
import type { IndicatorKind } from './types.js';

export interface PatternComparison {
  /** e.g. 'file' */
  objectType: string;
  /** Property steps after the ':', quotes removed, e.g. ['hashes', 'SHA-256']. */
  path: readonly string[];
  /** The object path as written back in canonical spelling, for messages. */
  key: string;
  /** The string value with STIX escapes resolved. */
  value: string;
}

export type PatternParseResult =
  | { status: 'ok'; comparisons: PatternComparison[] }
  | { status: 'unsupported'; reason: string }
  | { status: 'invalid'; reason: string };

export type HashAlgorithm = 'md5' | 'sha1' | 'sha256';

export interface ResolvedKey {
  kind: IndicatorKind;
  /** Set for file hashes and app certificate hashes. */
  algorithm?: HashAlgorithm;
}

/** Deep nesting is never needed by real feeds; the cap keeps hostile input off the stack. */
const MAX_NESTING = 32;

class PatternFailure extends Error {
  constructor(
    readonly status: 'unsupported' | 'invalid',
    readonly reason: string,
  ) {
    super(reason);
  }
}

const OBSERVATION_QUALIFIERS = new Set(['WITHIN', 'START', 'STOP', 'REPEATS']);
const WORD_OPERATORS = new Set(['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);

// Sticky regular expressions do the character-level scanning: they run in native code even
// before the JIT warms up, which keeps loading thousands of patterns fast.
const SPACE_RUN = /[ \t\n\r\f\v]*/y;
const WORD_RUN = /[A-Za-z0-9_-]*/y;
const STRING_RUN = /[^'\\]*/y;

function runEnd(run: RegExp, text: string, from: number): number {
  run.lastIndex = from;
  return run.exec(text) === null ? from : run.lastIndex;
}

class PatternReader {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parse(): PatternComparison[] {
    const comparisons = this.observationOr();
    this.skipSpace();
    if (!this.atEnd()) this.fail('invalid', `unexpected text at position ${this.pos}`);
    return comparisons;
  }

  private observationOr(): PatternComparison[] {
    const out = this.observation();
    for (;;) {
      this.skipSpace();
      const word = this.peekWord();
      if (word === 'OR') {
        this.pos += 2;
        out.push(...this.observation());
      } else if (word === 'AND' || word === 'FOLLOWEDBY') {
        this.fail('unsupported', `${word} between observations is not supported`);
      } else {
        return out;
      }
    }
  }

  private observation(): PatternComparison[] {
    this.skipSpace();
    const ch = this.text[this.pos];
    let result: PatternComparison[];
    if (ch === '[') {
      this.pos += 1;
      result = this.nested(() => this.comparisonOr());
      this.skipSpace();
      this.expect(']');
    } else if (ch === '(') {
      this.pos += 1;
      result = this.nested(() => this.observationOr());
      this.skipSpace();
      this.expect(')');
    } else {
      this.fail('invalid', `expected '[' or '(' at position ${this.pos}`);
    }
    this.skipSpace();
    const word = this.peekWord();
    if (word !== null && OBSERVATION_QUALIFIERS.has(word)) {
      this.fail('unsupported', `the ${word} qualifier is not supported`);
    }
    return result;
  }

  private comparisonOr(): PatternComparison[] {
    const out = this.comparisonUnit();
    for (;;) {
      this.skipSpace();
      const word = this.peekWord();
      if (word === 'OR') {
        this.pos += 2;
        out.push(...this.comparisonUnit());
      } else if (word === 'AND') {
        this.fail('unsupported', 'AND between comparisons is not supported');
      } else {
        return out;
      }
    }
  }

  private comparisonUnit(): PatternComparison[] {
    this.skipSpace();
    if (this.text[this.pos] === '(') {
      this.pos += 1;
      const inner = this.nested(() => this.comparisonOr());
      this.skipSpace();
      this.expect(')');
      return inner;
    }
    return [this.comparison()];
  }

  private comparison(): PatternComparison {
    if (this.peekWord() === 'EXISTS') this.fail('unsupported', 'the EXISTS operator is not supported');
    const { objectType, path, key } = this.objectPath();
    this.skipSpace();
    if (this.peekWord() === 'NOT') this.fail('unsupported', `NOT in the comparison on ${key} is not supported`);
    const operator = this.operator(key);
    if (operator !== '=') this.fail('unsupported', `the ${operator} operator on ${key} is not supported (only =)`);
    this.skipSpace();
    const value = this.stringValue(key);
    return { objectType, path, key, value };
  }

  private objectPath(): { objectType: string; path: string[]; key: string } {
    const objectType = this.word();
    if (objectType === '') this.fail('invalid', `expected an object type at position ${this.pos}`);
    this.expect(':');
    const first = this.word();
    if (first === '') this.fail('invalid', `expected a property name after '${objectType}:'`);
    const path = [first];
    let key = `${objectType}:${first}`;
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === '.') {
        this.pos += 1;
        if (this.text[this.pos] === "'") {
          const step = this.quoted();
          path.push(step);
          key += `.'${step}'`;
        } else {
          const step = this.word();
          if (step === '') this.fail('invalid', `expected a property name after '${key}.'`);
          path.push(step);
          key += `.${step}`;
        }
      } else if (ch === '[') {
        // A list index such as sections[*]: kept so the key reads right in the skip reason;
        // no supported key has one, so it always ends as an unknown key.
        const close = this.text.indexOf(']', this.pos);
        if (close === -1) this.fail('invalid', `unterminated list index in ${key}`);
        const index = this.text.slice(this.pos + 1, close).trim();
        if (index !== '*' && !/^\d+$/.test(index)) this.fail('invalid', `bad list index in ${key}`);
        path.push(`[${index}]`);
        key += `[${index}]`;
        this.pos = close + 1;
      } else {
        return { objectType, path, key };
      }
    }
  }

  private operator(key: string): string {
    const text = this.text;
    const two = text.slice(this.pos, this.pos + 2);
    if (two === '!=' || two === '<=' || two === '>=') {
      this.pos += 2;
      return two;
    }
    const one = text[this.pos];
    if (one === '=' || one === '<' || one === '>') {
      this.pos += 1;
      return one;
    }
    const word = this.peekWord();
    if (word !== null && WORD_OPERATORS.has(word)) {
      this.pos += word.length;
      return word;
    }
    return this.fail('invalid', `expected a comparison operator after ${key}`);
  }

  private stringValue(key: string): string {
    const ch = this.text[this.pos];
    if (ch === "'") return this.quoted();
    const next = this.text[this.pos + 1];
    if ((ch === 't' || ch === 'h' || ch === 'b') && next === "'") {
      this.fail('unsupported', `a non-string value for ${key} is not supported`);
    }
    if (ch === '(' || ch === '-' || ch === '+' || (ch !== undefined && ch >= '0' && ch <= '9')) {
      this.fail('unsupported', `a non-string value for ${key} is not supported`);
    }
    const word = this.peekWord();
    if (word === 'TRUE' || word === 'FALSE') {
      this.fail('unsupported', `a non-string value for ${key} is not supported`);
    }
    return this.fail('invalid', `expected a quoted value for ${key}`);
  }

  /** A '...' literal; STIX allows exactly two escapes, \' and \\. */
  private quoted(): string {
    const start = this.pos;
    this.pos += 1;
    let out = '';
    for (;;) {
      const end = runEnd(STRING_RUN, this.text, this.pos);
      out += this.text.slice(this.pos, end);
      this.pos = end;
      const ch = this.text[this.pos];
      if (ch === undefined) this.fail('invalid', `unterminated string starting at position ${start}`);
      if (ch === "'") {
        this.pos += 1;
        return out;
      }
      const escaped = this.text[this.pos + 1];
      if (escaped !== "'" && escaped !== '\\') {
        this.fail('invalid', `bad escape in string starting at position ${start} (only \\' and \\\\)`);
      }
      out += escaped;
      this.pos += 2;
    }
  }

  private nested<T>(inner: () => T): T {
    this.depth += 1;
    if (this.depth > MAX_NESTING) this.fail('invalid', `nested deeper than ${MAX_NESTING} levels`);
    const result = inner();
    this.depth -= 1;
    return result;
  }

  private word(): string {
    const start = this.pos;
    this.pos = runEnd(WORD_RUN, this.text, start);
    return this.text.slice(start, this.pos);
  }

  /** The keyword at the cursor, upper-cased, without consuming it; null if none. */
  private peekWord(): string | null {
    const end = runEnd(WORD_RUN, this.text, this.pos);
    return end === this.pos ? null : this.text.slice(this.pos, end).toUpperCase();
  }

  private expect(ch: string): void {
    if (this.text[this.pos] !== ch) {
      this.fail('invalid', `expected '${ch}' at position ${this.pos}`);
    }
    this.pos += 1;
  }

  private skipSpace(): void {
    this.pos = runEnd(SPACE_RUN, this.text, this.pos);
  }

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  private fail(status: 'unsupported' | 'invalid', reason: string): never {
    throw new PatternFailure(status, reason);
  }
}

/**
 * The one shape every public feed uses, `[type:property = 'value']` with at most one more
 * property step and no escapes. Whatever it accepts, the full reader would read the same
 * way (a test checks this on every shipped pattern); anything else goes to the full reader.
 */
const SIMPLE_PATTERN =
  /^\[[ \t\n\r\f\v]*([A-Za-z0-9_-]+):([A-Za-z0-9_-]+)(?:\.(?:([A-Za-z0-9_-]+)|'([^'\\]*)'))?[ \t\n\r\f\v]*=[ \t\n\r\f\v]*'([^'\\]*)'[ \t\n\r\f\v]*\]$/;

/** Parses one STIX pattern; never throws. */
export function parseStixPattern(pattern: string): PatternParseResult {
  const simple = SIMPLE_PATTERN.exec(pattern);
  if (simple === null) return parseStixPatternFully(pattern);
  const [, objectType = '', first = '', word, quotedStep, value = ''] = simple;
  const path = [first];
  let key = `${objectType}:${first}`;
  if (word !== undefined) {
    path.push(word);
    key += `.${word}`;
  } else if (quotedStep !== undefined) {
    path.push(quotedStep);
    key += `.'${quotedStep}'`;
  }
  return { status: 'ok', comparisons: [{ objectType, path, key, value }] };
}

/** The full reader, without the fast path for simple patterns; exported for tests. */
export function parseStixPatternFully(pattern: string): PatternParseResult {
  try {
    return { status: 'ok', comparisons: new PatternReader(pattern).parse() };
  } catch (error) {
    if (error instanceof PatternFailure) return { status: error.status, reason: error.reason };
    throw error;
  }
}

/** 'SHA-256', 'sha256', 'SHA256', "sha_256" → 'sha256'; anything else → null. */
export function hashAlgorithm(name: string): HashAlgorithm | null {
  const folded = name.replace(/[-_\s]/g, '').toLowerCase();
  if (folded === 'md5' || folded === 'sha1' || folded === 'sha256') return folded;
  return null;
}

const SIMPLE_KEYS: ReadonlyMap<string, IndicatorKind> = new Map<string, IndicatorKind>([
  ['domain-name:value', 'domain'],
  ['ipv4-addr:value', 'ipv4'],
  ['url:value', 'url'],
  ['process:name', 'process'],
  ['email-addr:value', 'email'],
  ['file:name', 'file-name'],
  ['file:path', 'file-path'],
  ['app:id', 'app-id'],
  ['configuration-profile:id', 'configuration-profile'],
  ['android-property:name', 'android-property'],
]);

const FILE_HASH_KINDS: Record<HashAlgorithm, IndicatorKind> = {
  md5: 'file-hash-md5',
  sha1: 'file-hash-sha1',
  sha256: 'file-hash-sha256',
};

/**
 * The indicator kind a comparison's object path maps to, or null for a key the engine does
 * not index. Object types and property names are compared lower-cased: STIX says they are
 * lower-case, and a feed that capitalises one still means the same thing.
 */
export function resolveComparisonKind(comparison: PatternComparison): ResolvedKey | null {
  const objectType = comparison.objectType.toLowerCase();
  const [first, second, ...rest] = comparison.path;
  if (first === undefined) return null;
  const property = first.toLowerCase();
  if (second === undefined) {
    const kind = SIMPLE_KEYS.get(`${objectType}:${property}`);
    return kind === undefined ? null : { kind };
  }
  if (rest.length > 0) return null;
  const algorithm = hashAlgorithm(second);
  if (algorithm === null) return null;
  if (objectType === 'file' && property === 'hashes') return { kind: FILE_HASH_KINDS[algorithm], algorithm };
  if (objectType === 'app' && property === 'cert') return { kind: 'app-cert-hash', algorithm };
  return null;
}
