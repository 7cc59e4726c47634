/** The run's log: kept in memory until the results folder exists, then written as run.log. */
import { appendFileSync, writeFileSync } from 'node:fs';

export class RunLog {
  private lines: string[] = [];
  private path: string | undefined;

  info(message: string): void {
    this.add('INFO', message);
  }

  warn(message: string): void {
    this.add('WARN', message);
  }

  error(message: string): void {
    this.add('ERROR', message);
  }

  private add(level: string, message: string): void {
    const line = `${new Date().toISOString()} ${level} ${message}\n`;
    if (this.path) appendFileSync(this.path, line);
    else this.lines.push(line);
  }

  /** From now on lines go straight to the file. */
  attach(path: string): void {
    writeFileSync(path, this.lines.join(''), { mode: 0o600 });
    this.lines = [];
    this.path = path;
  }
}
