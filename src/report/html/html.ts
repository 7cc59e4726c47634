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
