import { readFileSync } from 'node:fs';

interface PackageJson {
  version: string;
}

function readVersion(): string {
  // Both src/ (tests) and dist/ (installed CLI) sit one level below package.json.
  const url = new URL('../package.json', import.meta.url);
  const parsed = JSON.parse(readFileSync(url, 'utf8')) as PackageJson;
  return parsed.version;
}

export const TOOL_NAME = 'exhibit';
export const TOOL_VERSION = readVersion();
