/** Small helpers every step uses to say what it found. */
import type { FailureCode, StepOutcome } from './types.js';

export function pass(...messages: string[]): StepOutcome {
  return { status: 'pass', messages };
}

export function notChecked(...messages: string[]): StepOutcome {
  return { status: 'not-checked', messages };
}

export function fail(code: FailureCode, messages: string[], findingProblems?: ReadonlyMap<string, string[]>): StepOutcome {
  return findingProblems === undefined ? { status: 'fail', code, messages } : { status: 'fail', code, messages, findingProblems };
}

/** Collects failures with their codes; the first code names the step's failure. */
export class Problems {
  readonly messages: string[] = [];
  readonly byFinding = new Map<string, string[]>();
  private first: FailureCode | undefined;

  add(code: FailureCode, message: string, findings: readonly string[] = []): void {
    this.first ??= code;
    this.messages.push(message);
    for (const id of findings) this.byFinding.set(id, [...(this.byFinding.get(id) ?? []), message]);
  }

  get empty(): boolean {
    return this.first === undefined;
  }

  outcome(passMessages: string[]): StepOutcome {
    if (this.first === undefined) return { status: 'pass', messages: passMessages };
    return { status: 'fail', code: this.first, messages: this.messages, findingProblems: this.byFinding };
  }
}

export function short(hex: string): string {
  return hex.length > 16 ? `${hex.slice(0, 16)}…` : hex;
}
