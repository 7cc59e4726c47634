/**
 * HTML built with a tagged template that escapes every interpolated value, so record
 * values (attacker-controlled URLs, message text, file names) can never become markup.
 * Only values already wrapped as Html pass through unescaped.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Content = Html | string | number | null | undefined | false | readonly Content[];

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function render(content: Content): string {
  if (content === null || content === undefined || content === false) return '';
  if (content instanceof Html) return content.value;
  if (Array.isArray(content)) return content.map(render).join('');
  return escapeHtml(String(content));
}

export function html(strings: TemplateStringsArray, ...values: readonly Content[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i += 1) out += render(values[i]) + (strings[i + 1] ?? '');
  return new Html(out);
}

/** Trusted markup made in this module's callers (inline SVG, the script, the styles). */
export function raw(markup: string): Html {
  return new Html(markup);
}

export function join(parts: readonly Content[], separator: Content = ''): Html {
  const sep = render(separator);
  return new Html(parts.map(render).join(sep));
}

/**
 * JSON for a <script type="application/json"> element: `<` is escaped so no value can
 * close the element or open a comment; JSON.parse reads the escapes back.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Elements serialised at once when a long array is streamed: a few hundred kilobytes of JSON. */
const JSON_CHUNK = 16_384;

function* jsonChunks(value: unknown): Generator<string> {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    // A typed array serialises like the plain array of its numbers.
    const numbers = value as unknown as ArrayLike<number> & { subarray(start: number, end: number): ArrayLike<number> };
    yield '[';
    for (let start = 0; start < numbers.length; start += JSON_CHUNK) {
      const part = JSON.stringify(Array.from(numbers.subarray(start, start + JSON_CHUNK)));
      yield (start > 0 ? ',' : '') + part.slice(1, -1);
    }
    yield ']';
    return;
  }
  if (Array.isArray(value)) {
    if (value.length <= JSON_CHUNK) {
      yield JSON.stringify(value);
      return;
    }
    yield '[';
    for (let start = 0; start < value.length; start += JSON_CHUNK) {
      const part = JSON.stringify(value.slice(start, start + JSON_CHUNK));
      yield (start > 0 ? ',' : '') + part.slice(1, -1);
    }
    yield ']';
    return;
  }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    let first = true;
    yield '{';
    for (const [key, item] of Object.entries(value)) {
      // JSON.stringify leaves these properties out.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      yield `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      yield* jsonChunks(item);
    }
    yield '}';
    return;
  }
  yield JSON.stringify(value);
}

/**
 * jsonForScript's text in pieces, so a timeline of a million rows is written out without
 * ever being one string: typed arrays serialise as arrays of numbers, long arrays a slice at
 * a time. The escapes replace single characters, so escaping each piece equals escaping the whole.
 */
export function* jsonForScriptChunks(value: unknown): Generator<string> {
  for (const chunk of jsonChunks(value)) {
    yield chunk.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  }
}
