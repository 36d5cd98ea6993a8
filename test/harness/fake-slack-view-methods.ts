import { nextId, workspaceFor, type FakeSlackState } from './fake-slack-state';
import { argText } from './parse-slack-api-body';
import { fail, type SlackMethodContext, type SlackMethodHandler } from './slack-method-handler';

/**
 * views.open / push / update / publish. The fake remembers views by id so that an update answers with the same
 * id and a new hash, and a stale `hash` is refused with `hash_conflict` as Slack does. It is lenient about
 * unknown view ids, because view_submission payloads from the request builders name views it never opened.
 */
export const fakeSlackViewMethods: Record<string, SlackMethodHandler> = {
  'views.open': (ctx) => openView(ctx, undefined),

  // Slack pushes onto the stack of the view the interaction came from; tests may name it with `view_id`.
  'views.push': (ctx) => openView(ctx, argText(ctx.args['view_id'])),

  'views.publish': (ctx) => {
    const userId = argText(ctx.args['user_id']);
    if (!userId) return fail('invalid_arguments');
    const view = viewArg(ctx.args);
    if (!view || view['type'] !== 'home') return fail('invalid_arguments');
    // App Home has one view per user, so publishing again keeps its id.
    const key = `home:${userId}`;
    const previous = ctx.state.views.get(key);
    const stored = storeView(ctx, view, previous?.['id'] as string | undefined, null, null);
    ctx.state.views.set(key, stored);
    return { ok: true, view: stored };
  },

  'views.update': (ctx) => {
    const viewId = argText(ctx.args['view_id']);
    const externalId = argText(ctx.args['external_id']);
    if (!viewId && !externalId) return fail('invalid_arguments');
    const view = viewArg(ctx.args);
    if (!view) return fail('invalid_arguments');
    const known = viewId
      ? ctx.state.views.get(viewId)
      : [...ctx.state.views.values()].find((v) => v['external_id'] === externalId);
    const hash = argText(ctx.args['hash']);
    if (known && hash !== undefined && hash !== known['hash']) return fail('hash_conflict');
    const id = viewId ?? (known?.['id'] as string | undefined);
    const previousViewId = (known?.['previous_view_id'] as string | null | undefined) ?? null;
    const rootViewId = (known?.['root_view_id'] as string | undefined) ?? null;
    const stored = storeView(ctx, view, id, previousViewId, rootViewId);
    return { ok: true, view: stored };
  },
};

function openView(ctx: SlackMethodContext, pushedOnto: string | undefined): Record<string, unknown> {
  // Real trigger ids expire after 3 s; the fake only insists that one is sent, which is the common bug.
  if (!argText(ctx.args['trigger_id'])) return fail('invalid_arguments');
  const view = viewArg(ctx.args);
  if (!view || view['type'] !== 'modal') return fail('invalid_arguments');
  const below = pushedOnto === undefined ? undefined : ctx.state.views.get(pushedOnto);
  const rootViewId = (below?.['root_view_id'] as string | undefined) ?? pushedOnto ?? null;
  return { ok: true, view: storeView(ctx, view, undefined, pushedOnto ?? null, rootViewId) };
}

function viewArg(args: Record<string, unknown>): Record<string, unknown> | undefined {
  const view = args['view'];
  return view !== null && typeof view === 'object' && !Array.isArray(view)
    ? (view as Record<string, unknown>)
    : undefined;
}

function storeView(
  { owner, state }: SlackMethodContext,
  view: Record<string, unknown>,
  id: string | undefined,
  previousViewId: string | null,
  rootViewId: string | null,
): Record<string, unknown> {
  const workspace = workspaceFor(state, undefined, owner);
  const viewId = id ?? nextId(state, 'V');
  const stored: Record<string, unknown> = {
    id: viewId,
    team_id: workspace.teamId,
    type: view['type'],
    blocks: [],
    private_metadata: '',
    callback_id: '',
    external_id: '',
    state: { values: {} },
    clear_on_close: false,
    notify_on_close: false,
    ...view,
    hash: nextHash(state),
    previous_view_id: previousViewId,
    root_view_id: rootViewId ?? viewId,
    app_id: state.appId,
    app_installed_team_id: workspace.teamId,
    bot_id: workspace.botId,
  };
  state.views.set(viewId, stored);
  return stored;
}

function nextHash(state: FakeSlackState): string {
  return nextId(state, 'hash.');
}
