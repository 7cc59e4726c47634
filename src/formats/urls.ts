/** Finding links in free text (messages, notes, action parameters). */
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/giu;
const TRAILING = /[.,;:!?)\]}>»”’]+$/u;

/** Every http(s) link in the text, in order, trailing sentence punctuation removed, duplicates kept once. */
export function extractUrls(text: string | null | undefined): string[] {
  if (!text) return [];
  const found = new Set<string>();
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING, '');
    if (url.length > 'https://'.length) found.add(url);
  }
  return [...found];
}
