/**
 * The `accessibility` section: which accessibility services exist and which are on. Older
 * Android lists them in an `installed services: {` block (`0 : com.pkg/.Svc` lines up to
 * `}`); every version prints `Enabled services:{{com.pkg/.Svc}, {…}}` and Android 14+
 * prints only that. Spyware such as NoviSpy uses an accessibility service to read the screen.
 */
import type { NumberedLine } from './text-lines.js';

export type ServiceState = 'installed' | 'enabled' | 'bound';

export interface AccessibilityService {
  /** Component as written, e.g. com.pkg/.MainService. */
  component: string;
  packageName: string;
  /** Every list the component appears in, in file order. */
  states: ServiceState[];
  line: number;
}

function packageOf(component: string): string {
  const slash = component.indexOf('/');
  return slash === -1 ? component : component.slice(0, slash);
}

export function parseAccessibility(lines: readonly NumberedLine[]): AccessibilityService[] {
  const byComponent = new Map<string, AccessibilityService>();
  const note = (component: string, state: ServiceState, line: number): void => {
    const trimmed = component.trim();
    if (!/^[\w.]+\/[\w.$]+$/.test(trimmed)) return;
    const existing = byComponent.get(trimmed);
    if (existing) {
      if (!existing.states.includes(state)) existing.states.push(state);
    } else {
      byComponent.set(trimmed, { component: trimmed, packageName: packageOf(trimmed), states: [state], line });
    }
  };
  let inInstalled = false;
  for (const { line, text } of lines) {
    const trimmed = text.trim();
    if (inInstalled) {
      if (trimmed.startsWith('}')) {
        inInstalled = false;
        continue;
      }
      const item = /^\d+\s*:\s*(\S+)/.exec(trimmed);
      if (item?.[1]) note(item[1], 'installed', line);
      continue;
    }
    if (/^installed services:\s*\{\s*$/i.test(trimmed)) {
      inInstalled = true;
      continue;
    }
    const enabled = /^(Enabled|Bound) services:\s*\{(.*)\}\s*$/i.exec(trimmed);
    if (enabled) {
      const state: ServiceState = enabled[1]?.toLowerCase() === 'enabled' ? 'enabled' : 'bound';
      for (const inner of (enabled[2] ?? '').matchAll(/\{([^{}]*)\}/g)) note(inner[1] ?? '', state, line);
    }
  }
  return [...byComponent.values()];
}
