/**
 * Arguments that carry structured data. WebClient JSON-encodes every non-scalar argument into the form body,
 * so these arrive as strings; decoding them lets tests assert on blocks and views rather than on JSON text.
 * `text` and other free-text fields are deliberately left alone even when they look like JSON.
 */
export const JSON_ENCODED_FIELDS: readonly string[] = [
  'blocks',
  'attachments',
  'view',
  'files',
  'metadata',
  'unfurls',
  'user_auth_blocks',
];

/**
 * Reads a Web API request the way Slack does: query-string arguments, then a form-encoded or JSON body on top.
 * A JSON field that fails to parse stays a string, so the method handler can answer as Slack would
 * (`invalid_blocks`) instead of the fake throwing.
 */
export function parseSlackApiBody(
  contentType: string | undefined,
  raw: Buffer,
  query: URLSearchParams,
): Record<string, unknown> {
  const args: Record<string, unknown> = Object.fromEntries(query);
  const type = (contentType ?? '').toLowerCase();
  const text = raw.toString('utf8');
  if (type.startsWith('application/json')) {
    if (text.trim() !== '') {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(args, parsed);
    }
  } else if (type.startsWith('application/x-www-form-urlencoded') || (type === '' && text !== '')) {
    Object.assign(args, Object.fromEntries(new URLSearchParams(text)));
  }
  for (const field of JSON_ENCODED_FIELDS) {
    const value = args[field];
    if (typeof value !== 'string') continue;
    try {
      args[field] = JSON.parse(value);
    } catch {
      // Left as text on purpose: see above.
    }
  }
  return args;
}

/** A scalar argument as text (Slack accepts numbers and booleans as strings). */
export function argText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
