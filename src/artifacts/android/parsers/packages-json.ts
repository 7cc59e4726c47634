/**
 * androidqf's packages.json: one object per installed package with its APK files, their
 * hashes and signing certificate, the installer (the string "null" when unknown), uid and
 * the disabled/system/third_party flags.
 */
import { bool, isObject, text, type JsonObject } from './json-values.js';

export interface PackageFile {
  path: string | null;
  localName: string | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  sha512: string | null;
  certMd5: string | null;
  certSha1: string | null;
  certSha256: string | null;
  certSubject: string | null;
  certIssuer: string | null;
  verifiedCertificate: boolean | null;
  trustedCertificate: boolean | null;
}

export interface QfPackage {
  name: string;
  /** The installer as written; the literal "null" becomes null. */
  installer: string | null;
  uid: string | null;
  disabled: boolean | null;
  system: boolean | null;
  thirdParty: boolean | null;
  files: PackageFile[];
  index: number;
}

function certificate(file: JsonObject): JsonObject {
  const cert = file['certificate'];
  return isObject(cert) ? cert : {};
}

/** Certificate keys are capitalised in androidqf (`Sha256`); lower-case spellings are accepted too. */
function certField(cert: JsonObject, name: string): string | null {
  return text(cert, name) ?? text(cert, name.toLowerCase()) ?? text(cert, name.toUpperCase());
}

function readFile(value: unknown): PackageFile | null {
  if (!isObject(value)) return null;
  const cert = certificate(value);
  return {
    path: text(value, 'path'),
    localName: text(value, 'local_name'),
    md5: text(value, 'md5'),
    sha1: text(value, 'sha1'),
    sha256: text(value, 'sha256'),
    sha512: text(value, 'sha512'),
    certMd5: certField(cert, 'Md5'),
    certSha1: certField(cert, 'Sha1'),
    certSha256: certField(cert, 'Sha256'),
    certSubject: certField(cert, 'Subject'),
    certIssuer: certField(cert, 'Issuer'),
    verifiedCertificate: bool(value, 'verified_certificate'),
    trustedCertificate: bool(value, 'trusted_certificate'),
  };
}

/** One package from one array element; null when the element has no name. */
export function readQfPackage(value: unknown, index: number): QfPackage | null {
  if (!isObject(value)) return null;
  const name = text(value, 'name') ?? text(value, 'package_name');
  if (name === null) return null;
  const installer = text(value, 'installer');
  const files = Array.isArray(value['files']) ? value['files'].map(readFile).filter((f): f is PackageFile => f !== null) : [];
  return {
    name,
    installer: installer === null || installer === 'null' ? null : installer,
    uid: text(value, 'uid'),
    disabled: bool(value, 'disabled'),
    system: bool(value, 'system'),
    thirdParty: bool(value, 'third_party'),
    files,
    index,
  };
}
