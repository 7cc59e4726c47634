/**
 * Writes TCC.db files with the real schema (reference/artifacts.md §2.3.9): the iOS 14
 * "v3" access table with every column and the admin/policies/active_policy/
 * access_overrides/expired tables, or the older v2 (allowed, prompt_count, last_modified)
 * and v1 (no last_modified) access tables. Times are Unix seconds.
 */
import { sqliteBytes } from '../ios-backup.js';

export type TccVariant = 'v3' | 'v2' | 'v1';

export interface TccAccessSpec {
  service: string;
  client: string;
  /** 0 = bundle id, 1 = absolute path. */
  clientType?: number;
  /** v3: 0 denied, 1 unknown, 2 allowed, 3 limited. */
  authValue?: number;
  /** v3: 1–12 (2 user_consent, 4 system_set, …). */
  authReason?: number;
  /** v1/v2: 0 or 1. */
  allowed?: number;
  promptCount?: number;
  lastModified?: number;
  indirectObjectIdentifier?: string;
}

export interface TccDbSpec {
  variant?: TccVariant;
  access?: TccAccessSpec[];
}

const V3 = `
CREATE TABLE admin (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
CREATE TABLE policies (id INTEGER NOT NULL PRIMARY KEY, bundle_id TEXT NOT NULL, uuid TEXT NOT NULL,
  display TEXT NOT NULL, UNIQUE (bundle_id, uuid));
CREATE TABLE active_policy (client TEXT NOT NULL, client_type INTEGER NOT NULL, policy_id INTEGER NOT NULL,
  PRIMARY KEY (client, client_type), FOREIGN KEY (policy_id) REFERENCES policies(id) ON DELETE CASCADE ON UPDATE CASCADE);
CREATE TABLE access ( service TEXT NOT NULL, client TEXT NOT NULL, client_type INTEGER NOT NULL,
  auth_value INTEGER NOT NULL, auth_reason INTEGER NOT NULL, auth_version INTEGER NOT NULL, csreq BLOB,
  policy_id INTEGER, indirect_object_identifier_type INTEGER,
  indirect_object_identifier TEXT NOT NULL DEFAULT 'UNUSED', indirect_object_code_identity BLOB, flags INTEGER,
  last_modified INTEGER NOT NULL DEFAULT (CAST(strftime('%s','now') AS INTEGER)),
  PRIMARY KEY (service, client, client_type, indirect_object_identifier),
  FOREIGN KEY (policy_id) REFERENCES policies(id) ON DELETE CASCADE ON UPDATE CASCADE);
CREATE TABLE access_overrides (service TEXT NOT NULL PRIMARY KEY);
CREATE TABLE expired (service TEXT NOT NULL, client TEXT NOT NULL, client_type INTEGER NOT NULL, csreq BLOB,
  last_modified INTEGER NOT NULL, expired_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s','now') AS INTEGER)),
  PRIMARY KEY (service, client, client_type));
CREATE INDEX active_policy_id ON active_policy(policy_id);
`;

const V2 = `
CREATE TABLE admin (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
CREATE TABLE policies (id INTEGER NOT NULL PRIMARY KEY, bundle_id TEXT NOT NULL, uuid TEXT NOT NULL,
  display TEXT NOT NULL, UNIQUE (bundle_id, uuid));
CREATE TABLE active_policy (client TEXT NOT NULL, client_type INTEGER NOT NULL, policy_id INTEGER NOT NULL,
  PRIMARY KEY (client, client_type));
CREATE TABLE access (service TEXT NOT NULL, client TEXT NOT NULL, client_type INTEGER NOT NULL,
  allowed INTEGER NOT NULL, prompt_count INTEGER NOT NULL, csreq BLOB, policy_id INTEGER,
  indirect_object_identifier_type INTEGER, indirect_object_identifier TEXT, indirect_object_code_identity BLOB,
  flags INTEGER, last_modified INTEGER NOT NULL DEFAULT (CAST(strftime('%s','now') AS INTEGER)),
  PRIMARY KEY (service, client, client_type, indirect_object_identifier));
CREATE TABLE access_overrides (service TEXT NOT NULL PRIMARY KEY);
`;

const V1 = `
CREATE TABLE admin (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
CREATE TABLE access (service TEXT NOT NULL, client TEXT NOT NULL, client_type INTEGER NOT NULL,
  allowed INTEGER NOT NULL, prompt_count INTEGER NOT NULL, csreq BLOB,
  CONSTRAINT key PRIMARY KEY (service, client, client_type));
CREATE TABLE access_times (service TEXT NOT NULL, client TEXT NOT NULL, client_type INTEGER NOT NULL,
  last_used_time INTEGER NOT NULL, CONSTRAINT key PRIMARY KEY (service, client, client_type));
CREATE TABLE access_overrides (service TEXT PRIMARY KEY NOT NULL);
`;

const ADMIN_VERSION: Record<TccVariant, number> = { v3: 20, v2: 15, v1: 8 };

export function buildTccDb(spec: TccDbSpec = {}): Buffer {
  const variant = spec.variant ?? 'v3';
  return sqliteBytes((db) => {
    db.exec(variant === 'v3' ? V3 : variant === 'v2' ? V2 : V1);
    db.prepare("INSERT INTO admin (key, value) VALUES ('version', ?)").run(ADMIN_VERSION[variant]);
    for (const a of spec.access ?? []) {
      const clientType = a.clientType ?? (a.client.startsWith('/') ? 1 : 0);
      if (variant === 'v3') {
        db.prepare(
          `INSERT INTO access (service, client, client_type, auth_value, auth_reason, auth_version, csreq, policy_id,
             indirect_object_identifier_type, indirect_object_identifier, indirect_object_code_identity, flags, last_modified)
           VALUES (?, ?, ?, ?, ?, 1, NULL, NULL, 0, ?, NULL, 0, ?)`,
        ).run(
          a.service,
          a.client,
          clientType,
          a.authValue ?? 2,
          a.authReason ?? 2,
          a.indirectObjectIdentifier ?? 'UNUSED',
          a.lastModified ?? 1_600_000_000,
        );
      } else if (variant === 'v2') {
        db.prepare(
          `INSERT INTO access (service, client, client_type, allowed, prompt_count, csreq, policy_id,
             indirect_object_identifier_type, indirect_object_identifier, indirect_object_code_identity, flags, last_modified)
           VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, ?, NULL, 0, ?)`,
        ).run(
          a.service,
          a.client,
          clientType,
          a.allowed ?? 1,
          a.promptCount ?? 1,
          a.indirectObjectIdentifier ?? 'UNUSED',
          a.lastModified ?? 1_500_000_000,
        );
      } else {
        db.prepare('INSERT INTO access (service, client, client_type, allowed, prompt_count, csreq) VALUES (?, ?, ?, ?, ?, NULL)').run(
          a.service,
          a.client,
          clientType,
          a.allowed ?? 1,
          a.promptCount ?? 1,
        );
      }
    }
  });
}
