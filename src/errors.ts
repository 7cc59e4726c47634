/**
 * One error base for the whole project. A user-facing error carries a code from a closed
 * list and a one-sentence message that tells the user what to do; the CLI prints the
 * message alone and exits with code 2.
 */
export type ErrorCode =
  | 'NOT_AN_ACQUISITION'
  | 'MULTIPLE_BACKUPS'
  | 'ENCRYPTED_BACKUP'
  | 'PATH_NOT_FOUND'
  | 'OUTPUT_NOT_EMPTY'
  | 'OUTPUT_INSIDE_ACQUISITION'
  | 'INDICATOR_FILE_UNREADABLE'
  | 'INDICATOR_FILE_INVALID'
  | 'ARTIFACT_MISSING'
  | 'ARTIFACT_UNSUPPORTED_SCHEMA'
  | 'ARTIFACT_CORRUPT'
  | 'UNSAFE_PATH'
  | 'FILE_TOO_LARGE'
  | 'PLIST_INVALID'
  | 'SQLITE_INVALID'
  | 'INVALID_ARGUMENT'
  | 'ARCHIVE_UNREADABLE' | 'ARCHIVE_MEMBER_NOT_KEPT' | 'MULTIPLE_ACQUISITIONS'
  | 'RESULTS_INVALID' | 'PDF_UNAVAILABLE'
  | 'FEED_INDEX_UNAVAILABLE' | 'FEED_INDEX_INVALID' | 'INDICATOR_CACHE_INVALID' | 'INDICATOR_CACHE_UNWRITABLE'
  | 'BACKUP_KEYBAG_INVALID' | 'BACKUP_PASSWORD_WRONG' | 'BACKUP_DECRYPTION_FAILED' | 'SECRET_UNAVAILABLE'
  | 'KEY_NOT_FOUND' | 'KEY_EXISTS' | 'KEY_INVALID' | 'KEY_PASSPHRASE_REQUIRED' | 'KEY_PASSPHRASE_WRONG' | 'SEAL_MISMATCH' | 'EVIDENCE_MISSING' | 'EVIDENCE_INVALID' | 'TIMESTAMP_FAILED' | 'PACKET_INVALID' | 'FINDING_NOT_FOUND' | 'VERIFIER_UNAVAILABLE';

export class ExhibitError extends Error {
  readonly code: ErrorCode;
  override readonly cause: unknown;

  constructor(code: ErrorCode, message: string, cause?: unknown) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.cause = cause;
  }
}

/** Raised while opening an acquisition: not a backup, encrypted, missing path. */
export class AcquisitionError extends ExhibitError {}

/** Raised by an extractor for one artifact; the runner turns it into a coverage entry. */
export class ArtifactError extends ExhibitError {}

/** Raised while loading indicator bundles the user named. */
export class IndicatorError extends ExhibitError {}

/** Raised for a bad command-line argument or output location. */
export class UsageError extends ExhibitError {}

export function isExhibitError(error: unknown): error is ExhibitError {
  return error instanceof ExhibitError;
}

/** A short description of any thrown value, for coverage entries and logs. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
