/** Reading one Android text or JSON input through the Source, an unreadable one becoming an issue. */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ExtractContext } from '../types.js';
import { describeError } from '../../errors.js';
import { decodeText } from './parsers/text-lines.js';

export interface TextInput {
  path: string;
  text: string;
  digest: FileDigest;
}

/** Largest text input read whole (files.json of a full phone is tens of MiB). */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

export async function readTextInput(source: Source, path: string, context: ExtractContext, maxBytes = MAX_INPUT_BYTES): Promise<TextInput | null> {
  try {
    const { bytes, digest } = await source.readFile(path, { maxBytes });
    return { path, text: decodeText(bytes), digest };
  } catch (error) {
    context.issue({ code: 'unreadable', path, message: describeError(error) });
    return null;
  }
}

/** Files matching the patterns whose content is present, each path once, sorted. */
export function presentFiles(source: Source, patterns: readonly string[]): string[] {
  const paths = new Set<string>();
  for (const pattern of patterns) {
    for (const entry of source.find(pattern)) if (entry.type === 'file' && source.hasContent(entry.path)) paths.add(entry.path);
  }
  return [...paths].sort();
}
