import { nextId, type FakeSlackState } from './fake-slack-state';
import { argText } from './parse-slack-api-body';
import { parseMultipart } from './parse-multipart';
import { fail, type SlackMethodHandler } from './slack-method-handler';

/** Where the fake serves upload URLs; files.getUploadURLExternal hands out `<origin>/upload/v1/<fileId>`. */
export const UPLOAD_PATH_PREFIX = '/upload/v1/';

/**
 * The three steps of files.uploadV2: ask for an upload URL, POST the bytes there (see acceptUpload), then
 * complete the upload to share it. Completing a file whose bytes never arrived is refused, because that is
 * the bug this dance invites (forgetting to await step two).
 */
export const fakeSlackFileMethods: Record<string, SlackMethodHandler> = {
  'files.getUploadURLExternal': ({ args, state }) => {
    const filename = argText(args['filename']);
    const length = Number(argText(args['length']));
    if (!filename || !Number.isInteger(length) || length < 0) return fail('invalid_arguments');
    const fileId = nextId(state, 'F');
    state.uploads.push({
      fileId,
      filename,
      length,
      altText: argText(args['alt_text']),
      content: undefined,
      completed: false,
      channelId: undefined,
      initialComment: undefined,
      threadTs: undefined,
      title: undefined,
    });
    return { ok: true, upload_url: `${state.origin}${UPLOAD_PATH_PREFIX}${fileId}`, file_id: fileId };
  },

  'files.completeUploadExternal': ({ args, state }) => {
    const files = args['files'];
    if (!Array.isArray(files) || files.length === 0) return fail('invalid_arguments');
    const entries = files.map((file: unknown) => {
      const { id, title } = (file ?? {}) as { id?: unknown; title?: unknown };
      return { upload: state.uploads.find((u) => u.fileId === id), title: argText(title) };
    });
    if (entries.some(({ upload }) => upload?.content === undefined)) return fail('file_not_found');
    const channelId = argText(args['channel_id']) ?? argText(args['channels']);
    const shared = entries.map(({ upload, title }) => {
      if (!upload) throw new Error('unreachable: checked above');
      upload.completed = true;
      upload.channelId = channelId;
      upload.initialComment = argText(args['initial_comment']);
      upload.threadTs = argText(args['thread_ts']);
      upload.title = title ?? upload.filename;
      return {
        id: upload.fileId,
        name: upload.filename,
        title: upload.title,
        size: upload.content?.length ?? 0,
        channels: channelId ? [channelId] : [],
      };
    });
    return { ok: true, files: shared };
  },
};

/**
 * Stores the bytes posted to an upload URL. WebClient sends multipart (field `body`); raw bodies are
 * accepted too so other clients (or curl-style tests) work. Answers like Slack's upload host.
 */
export function acceptUpload(
  state: FakeSlackState,
  fileId: string,
  contentType: string | undefined,
  raw: Buffer,
): { status: number; text: string } {
  const upload = state.uploads.find((u) => u.fileId === fileId);
  if (!upload) return { status: 404, text: 'file_not_found' };
  const isMultipart = (contentType ?? '').toLowerCase().startsWith('multipart/form-data');
  const parts = isMultipart ? parseMultipart(contentType ?? '', raw) : [];
  const filePart = parts.find((p) => p.filename !== undefined) ?? parts[0];
  upload.content = isMultipart ? (filePart?.content ?? Buffer.alloc(0)) : raw;
  return { status: 200, text: `OK - ${upload.content.length}` };
}
