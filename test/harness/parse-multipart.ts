/** One part of a multipart/form-data body. */
export interface MultipartPart {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  content: Buffer;
}

/**
 * Splits a multipart/form-data body into its parts. WebClient's files.uploadV2 posts the file bytes to the
 * upload URL as multipart (field `body`, filename `Untitled`), so the fake needs just enough of a parser to
 * get the bytes back out; it is not a general-purpose implementation (no nested multipart, no encodings).
 */
export function parseMultipart(contentType: string, raw: Buffer): MultipartPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const token = boundary?.[1] ?? boundary?.[2];
  if (token === undefined) return [];
  const delimiter = Buffer.from(`--${token}`);
  const parts: MultipartPart[] = [];
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    // `--boundary--` closes the body.
    if (raw.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, afterDelimiter);
    if (next === -1) break;
    const part = parsePart(raw.subarray(afterDelimiter + 2, next - 2));
    if (part) parts.push(part);
    start = next;
  }
  return parts;
}

function parsePart(chunk: Buffer): MultipartPart | undefined {
  const headerEnd = chunk.indexOf('\r\n\r\n');
  if (headerEnd === -1) return undefined;
  const headers = chunk.subarray(0, headerEnd).toString('utf8');
  const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) return undefined;
  return {
    name,
    filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
    contentType: /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim(),
    content: Buffer.from(chunk.subarray(headerEnd + 4)),
  };
}
