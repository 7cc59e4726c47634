/** Reading a sysdiagnose's text files through the Source, an unreadable one becoming an issue. */
import type { FileDigest, Source } from '../../../acquisition/source.js';
import type { ExtractContext } from '../../types.js';
import { describeError } from '../../../errors.js';
import { decodeText } from '../../android/parsers/text-lines.js';

export async function readTextFile(source: Source, path: string, context: ExtractContext): Promise<{ text: string; digest: FileDigest } | null> {
  try {
    const { bytes, digest } = await source.readFile(path);
    return { text: decodeText(bytes), digest };
  } catch (error) {
    context.issue({ code: 'unreadable', path, message: describeError(error) });
    return null;
  }
}
