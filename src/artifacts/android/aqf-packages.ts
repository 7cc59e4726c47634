/**
 * androidqf's packages.json: every installed package with its installer, flags, APK hashes
 * and signing certificate — what app-id, file-hash and certificate indicators are checked
 * against, and what tells a store install from a sideloaded one.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { describeError } from '../../errors.js';
import { parseJsonItems } from './parsers/json-values.js';
import { readQfPackage } from './parsers/packages-json.js';
import { installerCategory, packageFlags } from './packages-common.js';
import { readTextInput } from './read-input.js';

export const AQF_PACKAGES_PATHS = ['packages.json'] as const;

function present(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null && v !== ''))];
}

export function* readAqfPackages(text: string, digest: FileDigest, context: ExtractContext): Generator<ArtifactRecord> {
  const { items, format, badLines } = parseJsonItems(text);
  if (badLines.length > 0) {
    context.issue({ code: 'corrupt', path: digest.path, message: `${badLines.length} line(s) of packages.json are not JSON (first: line ${badLines[0]}); the other packages were read` });
  }
  for (const item of items) {
    const pkg = readQfPackage(item.value, item.index);
    const locator = format === 'lines' ? { kind: 'json' as const, path: [], line: item.line ?? 0 } : { kind: 'json' as const, path: [String(item.index)] };
    if (!pkg) {
      context.issue({ code: 'corrupt', path: digest.path, message: `packages.json entry ${item.index} has no package name; it was skipped` });
      continue;
    }
    const files = pkg.files;
    yield makeRecord('aqf_packages', {
      package_name: pkg.name,
      installer: pkg.installer,
      installer_category: installerCategory(pkg.installer),
      uid: pkg.uid,
      system: pkg.system,
      third_party: pkg.thirdParty,
      disabled: pkg.disabled,
      ...packageFlags(pkg.name),
      file_paths: present(files.map((f) => f.path)),
      file_sha256: present(files.map((f) => f.sha256)),
      file_sha1: present(files.map((f) => f.sha1)),
      file_md5: present(files.map((f) => f.md5)),
      cert_sha256: present(files.map((f) => f.certSha256)),
      cert_sha1: present(files.map((f) => f.certSha1)),
      cert_md5: present(files.map((f) => f.certMd5)),
      cert_subjects: present(files.map((f) => f.certSubject)),
      certificate_verified: files.length === 0 ? null : files.every((f) => f.verifiedCertificate === true),
    }, originOf(digest, locator));
  }
}

export const aqfPackagesExtractor: Extractor = {
  id: 'aqf_packages',
  title: 'Installed packages (androidqf packages.json)',
  platform: 'android',
  acquisitions: ['android-androidqf'],
  paths: { 'android-androidqf': AQF_PACKAGES_PATHS },
  async *extract(source: Source, context: ExtractContext) {
    const input = await readTextInput(source, 'packages.json', context);
    if (!input) return;
    try {
      yield* readAqfPackages(input.text, input.digest, context);
    } catch (error) {
      context.issue({ code: 'corrupt', path: input.path, message: `packages.json is not JSON (${describeError(error)})` });
    }
  },
};
