/**
 * Expected outcomes are values, not exceptions (ENGINEERING.md rule 6): a failure carries a stable code
 * for programs and one plain sentence for people.
 */
export type Failure = { ok: false; code: string; message: string };
export type Success<T> = { ok: true; value: T };
export type Result<T> = Success<T> | Failure;

export const ok = <T>(value: T): Success<T> => ({ ok: true, value });
/** Text people typed may be quoted back; a line break in it must not turn the sentence into several lines. */
export const fail = (code: string, message: string): Failure => ({
  ok: false,
  code,
  message: message.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' '),
});
