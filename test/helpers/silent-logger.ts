import type { Logger } from '../../src/ports/logger';

export interface CapturingLogger extends Logger {
  lines: { level: string; details: object; message: string }[];
}

/** A logger that keeps what it was told, so tests can assert on it (and stay quiet). */
export function silentLogger(lines: CapturingLogger['lines'] = []): CapturingLogger {
  const at =
    (level: string) =>
    (details: object, message: string): void => {
      lines.push({ level, details, message });
    };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => silentLogger(lines),
  };
}
