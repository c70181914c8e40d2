// Shipgate web UI: an ES module, no build step. Rendering is lit-html's (a WebJar, see the README's "The web UI"):
// its templates put every value in as text or as an attribute value, never as markup, and it updates only the DOM
// nodes whose values changed, so a refresh keeps focus and typed input. The page's CSP forbids inline scripts.
import { html, render, nothing } from '/webjars/lit-html/3.3.1/lit-html.js';

const session = { token: sessionStorage.getItem('shipgate.token'), me: null };
/** Aborted when the user moves to another screen, so an answer for the old screen never draws over the new one. */
let navigation = new AbortController();
let refreshTimer;
const $ = id => document.getElementById(id);
const enc = encodeURIComponent;

// --- talking to the API -------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || ('The server answered ' + status + '.'));
    this.status = status;
    this.reason = problem.reason;
    this.retryAt = problem.retryAt;
  }
}

/** One call; GETs belong to the current screen and are dropped (AbortError) when the user moves on. */
async function call(method, path, body, ownSignal) {
  const headers = { 'Accept': 'application/json' };
  if (session.token) headers['Authorization'] = 'Bearer ' + session.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const signal = ownSignal || (method === 'GET' ? navigation.signal : undefined);
  let response;
  try {
    response = await fetch(path, { method, headers, signal,
      body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { detail: 'Shipgate cannot be reached: check your connection and try again.' });
  }
  if (response.status === 401 && !path.startsWith('/api/auth/')) {
    signOut('Your session has ended: sign in again.');
    throw new ApiError(401, { detail: 'Your session has ended.' });
  }
  const text = await response.text();
  const data = text && (response.headers.get('Content-Type') || '').includes('json') ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data || {});
  return { data, headers: response.headers, text };
}

const api = async (method, path, body) => (await call(method, path, body)).data;

/**
 * One page of a list endpoint, the one place lists are read: {items, next, total}. next is the path of the next
 * page from a Link rel=next header (a cursor pager), total the X-Total-Count header; both null where the server
 * sends none (then the page is all the UI shows).
 */
async function listPage(path, signal) {
  const { data, headers } = await call('GET', path, undefined, signal);
  const total = headers.get('X-Total-Count');
  return { items: data || [], next: nextPath(headers), total: total === null ? null : Number(total) };
}

/** The path of the next page, from a Link rel=next header; null on the last page. */
function nextPath(headers) {
  const link = /<([^>]+)>\s*;\s*rel="?next"?/.exec(headers.get('Link') || '');
  const next = link ? new URL(link[1], location.origin) : null;
  return next ? next.pathname + next.search : null;
}

/** Words for a refusal: the server's sentence first, its reason code after it for a support ticket. */
function plainWords(e) {
  const words = { BAD_CREDENTIALS: 'The user name or the password is wrong.',
    NOT_ALLOWED_TO_DEPLOY: 'You may not deploy on this pipeline.',
    APPROVER_CANNOT_DEPLOY: 'You approved this image, so someone else must deploy it.',
    REQUESTER_CANNOT_APPROVE: 'You asked for this approval, so someone else must approve it.' };
  const sentence = words[e.reason] || e.message || 'Something went wrong.';
  return e.reason && !words[e.reason] ? sentence + ' (' + e.reason + ')' : sentence;
}

// --- live updates: Server-Sent Events, read with fetch because EventSource cannot send the bearer token --------

/**
 * Follows one event stream until the returned function is called: onEvent(name) for each event (the events carry no
 * data: the caller reads again through the ordinary GETs, which apply who may see what). It reconnects when the
 * stream ends (the server ends each after a while) or breaks, 1 s, 2 s, 3 s later; a stream that delivers no event
 * within 10 s counts as broken (e.g. a proxy that buffers it). When it never worked, or three reconnects in a row
 * fail, it calls onFallback once and stops: the caller polls instead.
 */
function followStream(path, onEvent, onFallback) {
  const stopper = new AbortController();
  let worked = false;
  (async () => {
    for (let failures = 0; !stopper.signal.aborted;) {
      const attempt = new AbortController();
      const stop = () => attempt.abort();
      stopper.signal.addEventListener('abort', stop);
      let silence = setTimeout(stop, 10000);
      let heard = false;
      try {
        const response = await fetch(path, { signal: attempt.signal, headers: { 'Accept': 'text/event-stream',
          'Authorization': 'Bearer ' + session.token } });
        if (response.status === 401) return signOut('Your session has ended: sign in again.');
        if (!response.ok || !response.body) throw new Error('the stream was refused: ' + response.status);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (let buffer = '', chunk; !(chunk = await reader.read()).done;) {
          clearTimeout(silence);
          silence = setTimeout(stop, 30000); // the server sends a keep-alive every 15 s
          const blocks = (buffer + chunk.value).split(/\r?\n\r?\n/);
          buffer = blocks.pop();
          for (const block of blocks) {
            const name = /^event:\s?(.*)$/m.exec(block);
            if (!name) continue;
            heard = worked = true;
            failures = 0;
            onEvent(name[1].trim());
          }
        }
      } catch (e) {
        // broken, refused or silent: counted below
      } finally {
        clearTimeout(silence);
        stopper.signal.removeEventListener('abort', stop);
      }
      if (stopper.signal.aborted) return;
      if (!heard && (!worked || ++failures > 3)) return onFallback();
      await new Promise(resolve => setTimeout(resolve, heard ? 200 : 1000 * failures));
    }
  })();
  return () => stopper.abort();
}

/**
 * The screen's stream (App Details: its pipeline's deployments) and the pending-count stream (while signed in).
 * screen.state: 'stream' once an event came, 'polling' after the fallback (also on <body data-live>, for tests).
 */
const live = { screen: { path: null, stop: null, state: null }, wanted: null, pending: { stop: null, count: null } };

/** Asked by a screen as it draws: keep (or open) the stream at path while this screen is shown. */
function watchScreen(path) {
  live.wanted = path;
  if (live.screen.path === path) return live.screen.state !== 'polling';
  return true;
}

/** After each drawing: close the stream no screen wants any more, open the one wanted. */
function settleScreenStream() {
  if (live.screen.path === live.wanted) return;
  if (live.screen.stop) live.screen.stop();
  live.screen = { path: live.wanted, stop: null, state: null };
  document.body.dataset.live = '';
  if (!live.wanted) return;
  const screen = live.screen;
  screen.stop = followStream(live.wanted, () => {
    if (live.screen !== screen) return;
    screen.state = document.body.dataset.live = 'stream';
    route({ refresh: true }); // lit-html redraws only what changed
  }, () => {
    if (live.screen !== screen) return;
    screen.state = document.body.dataset.live = 'polling';
    route({ refresh: true }); // draws again with its polling timer on
  });
}

/** The count of requests waiting for the signed-in user, next to "Approval pending", kept current by its stream. */
function watchPendingCount() {
  if (live.pending.stop) return;
  let timer = null;
  const stop = followStream('/api/approval-requests/changes', () => {
    document.body.dataset.pendingLive = 'stream';
    readPendingCount();
    if (location.hash.startsWith('#/pending') || /^#\/pipelines\/[^/]+\/pending/.test(location.hash)) {
      route({ refresh: true });
    }
  }, () => {
    document.body.dataset.pendingLive = 'polling';
    timer = setInterval(readPendingCount, 15000);
  });
  live.pending.stop = () => { stop(); clearInterval(timer); };
  readPendingCount();
}

async function readPendingCount() {
  try {
    const page = await listPage('/api/approval-requests/pending-my-approval?size=100', new AbortController().signal);
    live.pending.count = page.total !== null ? page.total : page.items.length;
  } catch (e) {
    live.pending.count = null; // approval-service away: no count rather than a wrong one
  }
  drawHeader();
}

function stopStreams() {
  if (live.pending.stop) live.pending.stop();
  live.pending = { stop: null, count: null };
  document.body.dataset.pendingLive = '';
  live.wanted = null;
  settleScreenStream();
}

// --- flash messages: they survive the navigation their action makes, and go on the user's next one ------------

const flashState = { message: '', ok: false, keep: 0 };

/** keep: how many navigations it survives (1 when the action itself moves to another screen). */
function flash(message, ok, keep = 0) {
  Object.assign(flashState, { message, ok: !!ok, keep });
  drawFlash();
}

function drawFlash() {
  const box = $('flash');
  box.hidden = !flashState.message;
  box.className = flashState.ok ? 'flash ok' : 'flash';
  render(flashState.message ? html`<span>${flashState.message}</span>
    <button class="link" aria-label="Dismiss" @click=${() => flash('')}>×</button>` : nothing, box);
}

function navigated() {
  if (flashState.keep > 0) flashState.keep--;
  else flashState.message = '';
  drawFlash();
}

/** Runs an action from a button: the button (and its form) stay disabled while the call is in flight. */
async function act(event, work, success) {
  event.preventDefault();
  const form = event.currentTarget.closest('form, dialog');
  const buttons = form ? [...form.querySelectorAll('button')] : [event.currentTarget];
  if (buttons.some(b => b.disabled)) return;
  buttons.forEach(b => { b.disabled = true; });
  const screen = location.hash;
  try {
    const message = await work();
    if (message || success) flash(message || success, true, location.hash === screen ? 0 : 1);
  } catch (e) {
    if (e.name !== 'AbortError' && e.status !== 401) flash(plainWords(e));
  } finally {
    buttons.forEach(b => { b.disabled = false; });
  }
}

// --- dialogs: modal, focus moves in (autofocus) and back to the opener when they close ----------------------

let opener = null;

function openDialog(content) {
  const dialog = $('dialog');
  opener = document.activeElement;
  render(content, dialog);
  if (!dialog.open) dialog.showModal();
  const first = dialog.querySelector('[autofocus]') || dialog.querySelector('input, textarea, button');
  if (first) first.focus();
}

function closeDialog() {
  const dialog = $('dialog');
  if (dialog.open) dialog.close();
}

$('dialog').addEventListener('close', () => {
  render(nothing, $('dialog'));
  if (opener && opener.isConnected) opener.focus();
});

/** A confirmation that says what the action undoes; confirm runs it, Escape or Keep closes. */
function confirmDialog({ title, text, confirmLabel, danger, run, success }) {
  openDialog(html`<form class="dialog-body" @submit=${e => act(e, async () => {
    const message = await run();
    closeDialog();
    return message;
  }, success)}>
    <h2 id="dialog-title">${title}</h2><p>${text}</p>
    <div class="row end"><button type="button" class="secondary" @click=${closeDialog}>Keep it</button>
    <button type="submit" class=${danger ? 'danger' : ''} data-confirm autofocus>${confirmLabel}</button></div>
  </form>`);
}

// --- who is signed in, and what they may do -----------------------------------------------------------------

/**
 * The same reading of roles as the server's Permissions: a grant acts on a scope it contains (each field * or equal;
 * a * in the wanted scope is reached only by a * in the grant). Only to hide buttons, the server decides. Which role
 * gives which is the contracts' Role, read from rules.js (generated, never edited).
 */
function can(role, scope) {
  if (!session.me) return false;
  return session.me.roles.some(grant => {
    if (grant.role === 'SUPER_ADMIN') return true;
    const includes = (SHIPGATE_RULES.roleIncludes[grant.role] || []).includes(role);
    const contains = ['project', 'application', 'environment'].every(k => grant[k] === '*' || grant[k] === scope[k]);
    return includes && contains;
  });
}

function isManagerSomewhere() {
  return session.me && session.me.roles.some(g => (SHIPGATE_RULES.roleIncludes[g.role] || []).includes('MANAGER'));
}

function signOut(message) {
  stopStreams();
  session.token = null;
  session.me = null;
  sessionStorage.removeItem('shipgate.token');
  const back = location.hash.startsWith('#/login') ? '#/' : location.hash;
  if (message) flash(message, false, 1);
  location.hash = '#/login?next=' + enc(back);
}

function drawHeader() {
  const me = session.me;
  const count = live.pending.count;
  render(me ? html`<a href="#/">Applications</a><a href="#/pending">Approval pending${count ? html` <span
    class="badge count" id="pending-count" aria-label="${count} waiting for you">${count}</span>` : nothing}</a>${
    isManagerSomewhere() ? html`<a href="#/admin">Access</a>` : nothing}${
    mayReadAudit() ? html`<a href="#/audit">Audit</a>` : nothing}<a href="#/tokens">API tokens</a><a
    href="#/settings">My settings</a>` : nothing,
  $('nav'));
  $('notice').hidden = !(me && me.limited);
  render(me && me.limited ? html`<span id="limited">Your roles cannot be read just now, so no action is offered;
    try again in a moment.</span>` : nothing, $('notice'));
  render(me ? html`Signed in as <strong>${me.displayName}</strong>
    <button class="secondary" @click=${() => signOut()}>Sign out</button>` : nothing, $('who'));
}

/** Lists drawn into their own box after the screen, so "Show more" can redraw one list alone. */
const listDraws = [];
function show(content) {
  if (!listDraws.started) $('main').replaceChildren(); // the static "Loading…" is not lit-html's to replace
  listDraws.started = true;
  render(content, $('main'));
  listDraws.splice(0).forEach(draw => draw());
}

/** A box (static in the screen's template, so only this list's render touches its content) for one list. */
function listBox(id, table, page) {
  listDraws.push(() => redraw(id, table(page)));
  return html`<div id=${id}></div>`;
}
const when = at => at ? new Date(at).toLocaleString() : '—';

// --- sign-in --------------------------------------------------------------------------------------------------

async function loginScreen(params) {
  const options = await api('GET', '/api/auth/config');
  const next = params.get('next') || '#/';
  if (!options.passwordSignIn) {
    show(html`<div class="card login"><h1>Sign in to Shipgate</h1>
      <p class="muted">Shipgate signs you in through your organisation's identity provider.</p>
      <p><button id="sso-sign-in" @click=${e => act(e, () => startProviderSignIn(options.oidc, next))}>Sign in
        with ${options.oidc.providerName}</button></p></div>`);
    return;
  }
  const problem = message => render(message ? html`${message}` : nothing, $('sign-in-problem'));
  show(html`<div class="card login"><h1>Sign in to Shipgate</h1>
    <form id="login-form" @submit=${e => act(e, async () => {
      $('sign-in-problem').hidden = true;
      const form = new FormData(e.target);
      try {
        const token = await api('POST', '/api/auth/token', { username: form.get('username'),
          password: form.get('password') });
        await signedIn(token.accessToken, next);
      } catch (refused) {
        problem(signInProblem(refused));
        $('sign-in-problem').hidden = false;
        if (refused.retryAt) holdSignIn(new Date(refused.retryAt));
      }
    })}>
      <label for="username">User name</label><input id="username" name="username" autocomplete="username" required>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <p id="sign-in-problem" class="flash" role="alert" hidden></p>
      <p><button type="submit" id="sign-in">Sign in</button></p>
    </form></div>`);
}

/** Words for a refused sign-in; a lock says when to try again, in the reader's own time. */
function signInProblem(e) {
  if (e.reason === 'SIGN_IN_TEMPORARILY_LOCKED' && e.retryAt) {
    return 'Too many failed sign-ins for this user. Try again at ' + new Date(e.retryAt).toLocaleTimeString() + '.';
  }
  if (e.status === 401 || e.reason === 'BAD_CREDENTIALS') return 'The user name or the password is wrong.';
  return plainWords(e);
}

/** Keeps the button off until the lock ends, so a waiting user does not spend attempts. */
function holdSignIn(until) {
  setTimeout(() => {
    const button = $('sign-in');
    if (button) button.disabled = true;
    setTimeout(() => { if ($('sign-in')) $('sign-in').disabled = false; }, Math.max(0, until - Date.now()));
  });
}

/**
 * The signed-in user's access (approval-service's /api/access/me). Signing in does not need approval-service: while it
 * does not answer, the user is who the token says, with no roles, so the screens show what needs none and offer no
 * action (each service still decides by its own copy of the roles); the next navigation asks again.
 */
async function readMe() {
  try {
    return await api('GET', '/api/access/me');
  } catch (e) {
    if (e.name === 'AbortError' || ![0, 502, 503, 504].includes(e.status)) throw e;
    const payload = session.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), c => c.charCodeAt(0))));
    return { userId: claims.sub, displayName: claims.name || claims.sub, email: '', groups: [], roles: [],
      superAdmin: false, grantableScopes: [], limited: true };
  }
}

async function signedIn(token, next) {
  session.token = token;
  sessionStorage.setItem('shipgate.token', token);
  session.me = await readMe();
  flash('');
  location.hash = next;
}

// --- sign-in through an OIDC provider: authorization code with PKCE ---------------------------------------------

const base64url = bytes => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_')
  .replace(/=+$/, '');
const randomText = size => base64url(crypto.getRandomValues(new Uint8Array(size)));
const redirectUri = () => location.origin + '/';

async function startProviderSignIn(oidc, next) {
  const verifier = randomText(32);
  const expected = randomText(16);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  sessionStorage.setItem('shipgate.oidc', JSON.stringify({ verifier, state: expected, next }));
  const url = new URL(oidc.authorizationEndpoint);
  url.search = new URLSearchParams({ response_type: 'code', client_id: oidc.clientId, scope: oidc.scope,
    redirect_uri: redirectUri(), state: expected, code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: 'S256' }).toString();
  location.assign(url.toString());
}

/** Back from the provider with ?code=…&state=…: check the state, trade the code (and verifier) for a token. */
async function finishProviderSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return;
  const pending = JSON.parse(sessionStorage.getItem('shipgate.oidc') || 'null');
  sessionStorage.removeItem('shipgate.oidc');
  history.replaceState(null, '', '/' + (pending && pending.next ? pending.next : '#/'));
  if (params.has('error')) throw new Error('The identity provider refused the sign-in: ' + params.get('error'));
  if (!pending || pending.state !== params.get('state')) {
    throw new Error('This sign-in was not started here (the state does not match): sign in again.');
  }
  const token = await api('POST', '/api/auth/oidc/token', { code: params.get('code'),
    codeVerifier: pending.verifier, redirectUri: redirectUri() });
  session.token = token.accessToken;
  sessionStorage.setItem('shipgate.token', token.accessToken);
}

// --- applications and the pipeline screens --------------------------------------------------------------------

const approvalText = a => a.requiredApprovals === 0 ? 'none'
  : a.requiredApprovals + ' approval' + (a.requiredApprovals === 1 ? '' : 's')
    + a.approverRules.map(r => ', ' + r.approvals + ' from ' + r.group).join('');

async function applicationsScreen() {
  const pipelines = await api('GET', '/api/pipelines');
  const byApp = {};
  pipelines.forEach(p => (byApp[p.application] = byApp[p.application] || []).push(p));
  const apps = Object.keys(byApp).sort();
  show(html`<h1>Applications</h1>
    <p class="muted">Each CD pipeline deploys one application into one environment.</p>
    ${apps.length === 0 ? html`<div class="empty">You cannot see any application yet: ask a manager for access.</div>`
      : apps.map(app => html`<div class="card"><h2>${app}</h2><table>
        <tr><th>Environment</th><th>Approval</th><th>Trigger</th><th>Target</th><th></th></tr>
        ${byApp[app].map(p => html`<tr>
          <td>${p.environment}</td><td>${approvalText(p.approval)}</td><td>${p.trigger}</td><td>${p.target}</td>
          <td><a class="button" href="#/pipelines/${enc(p.id)}" data-pipeline=${p.id}>Build &amp; Deploy</a></td>
        </tr>`)}</table></div>`)}`);
}

const TABS = [['images', 'Images'], ['pending', 'Approval pending'], ['select', 'Select Image'],
  ['details', 'App Details'], ['history', 'Deployment history']];

async function pipelineScreen(id, tab, extra) {
  const pipeline = await api('GET', '/api/pipelines/' + enc(id));
  pipeline.scope = { project: pipeline.project, application: pipeline.application,
    environment: pipeline.environment };
  const views = { images: imagesTab, pending: pendingTab, select: selectTab, details: detailsTab,
    history: historyTab };
  const body = await (views[tab] || imagesTab)(pipeline, extra);
  show(html`<h1>${pipeline.application} → ${pipeline.environment}</h1>
    <p class="muted">${pipeline.approval.requiredApprovals === 0 ? 'No approval needed'
      : approvalText(pipeline.approval) + ' before each deployment'} · trigger ${pipeline.trigger} · target
      ${pipeline.target}</p>
    <nav class="tabs" aria-label="Pipeline">${TABS.map(([key, label]) => html`<a href="#/pipelines/${enc(id)}/${key}"
      class=${key === tab ? 'active' : ''} aria-current=${key === tab ? 'page' : 'false'}
      data-tab=${key}>${label}</a>`)}</nav>
    <section id="tab">${body}</section>`);
}

/** What a request stands at: its status, the total, and each rule with who can still complete it. */
function requestSummary(request) {
  if (!request) return html`<span class="muted">no approval requested</span>`;
  return html`<span class="badge ${request.status}">${request.status}</span>${request.escalatedTo ? html`
    <span class="badge escalated" data-testid="escalated-to" title="You see this request because it waited long
      enough to be escalated to a group you are in; you vote only where your own rights allow">Escalated to your
      group ${request.escalatedTo}</span>` : nothing}
    <span class="approval-count">${request.approvals} of ${request.requiredApprovals} approvals</span>${
    request.votes.length ? html` <span class="muted">by ${request.votes.map((v, i) => html`${i ? ', ' : ''}${
      v.userId}${v.comment ? html` “${v.comment}”` : nothing}${v.counts === false
        ? html` (no longer counts: ${v.reason})` : nothing}`)}</span>` : nothing}
    ${ruleProgress(request)}`;
}

function ruleProgress(request) {
  const rules = request.rules || [];
  if (!rules.length) return nothing;
  return html`<ul class="rules">${rules.map(r => html`<li class=${r.have >= r.need ? 'met' : 'open'}
    data-rule=${r.group}><strong>${r.group}: ${r.have} of ${r.need}</strong>${r.counted.length
      ? html` <span class="muted">(${r.counted.join(', ')})</span>` : nothing}${r.have < r.need
      ? html` · ${r.couldComplete.length ? 'can still complete it: ' + r.couldComplete.join(', ')
        : 'nobody eligible is left to complete it'}` : nothing}</li>`)}</ul>`;
}

/** A list that shows a "Show more" button when the server says there is a next page (cursor pager). */
function pagedRows(page, row, more) {
  return html`${page.items.map(row)}${page.next ? html`<tr><td colspan="6"><button class="secondary"
    @click=${e => act(e, async () => {
      const next = await listPage(page.next);
      more({ items: page.items.concat(next.items), next: next.next, total: next.total ?? page.total });
    })}>Show more</button></td></tr>` : nothing}`;
}

const countLine = (page, noun) => page.total === null ? nothing
  : html`<p class="muted count">${page.total} ${noun}${page.total === 1 ? '' : 's'}</p>`;

/** Re-draws one list in place (after "Show more"), without reloading the screen. */
function redraw(containerId, template) {
  const box = $(containerId);
  if (box) render(template, box);
}

/**
 * A search field over one list box: after a short pause in typing, the list is read again with what was typed as its
 * `q` (the server finds part of a tag or digest, or the start of a commit) and only that box is redrawn; an
 * answer to an older text is dropped.
 */
function searchBox(boxId, label, path, table) {
  let latest = 0;
  let pause;
  const search = async text => {
    const mine = ++latest;
    const page = await listPage(path + (text ? '&q=' + enc(text) : ''));
    if (mine === latest) redraw(boxId, page.items.length ? table(page)
      : html`<div class="empty" id=${boxId + '-none'}>Nothing matches “${text}”.</div>`);
  };
  return html`<div class="row"><label class="inline grow" for=${boxId + '-search'}>${label} <input
    id=${boxId + '-search'} class="grow" type="search" maxlength="100" placeholder="tag, digest or commit"
    @input=${e => {
      clearTimeout(pause);
      const text = e.target.value.trim();
      pause = setTimeout(() => search(text).catch(err => flash(plainWords(err))), 250);
    }}></label></div>`;
}

async function imagesTab(pipeline) {
  const path = '/api/pipelines/' + enc(pipeline.id) + '/images?size=50';
  const [page, offer] = await Promise.all([listPage(path),
    api('GET', '/api/pipelines/' + enc(pipeline.id) + '/break-glass').catch(() => null)]);
  const mayBreak = offer && offer.allowed;
  const table = p => html`${countLine(p, 'image')}<table><tr><th>Image</th><th>Built</th><th>Approval</th><th></th>
    </tr>${pagedRows(p, image => html`<tr data-digest=${image.digest}>
      <td><strong>${image.tag}</strong> ${image.activeOn ? html`<span class="badge active">Active on
        ${image.activeOn}</span>` : nothing}<div class="mono muted">${image.digest}</div></td>
      <td>${image.builtBy}<div class="muted">${when(image.builtAt)}${image.commit ? html` · commit
        <code>${image.commit}</code>` : nothing}</div></td>
      <td>${requestSummary(image.latestRequest)}</td>
      <td><div class="row">${image.allowedActions.includes('request') ? html`<button data-action="request-approval"
          data-digest=${image.digest} @click=${e => act(e, () => requestDialog(pipeline, image.digest, image.tag))}
          >Request Approval</button>` : nothing}${mayBreak ? html`<button class="secondary danger-text"
          data-action="break-glass-deploy" data-digest=${image.digest}
          @click=${() => breakGlassDialog(pipeline, breakGlassDeploy(pipeline, image))}>Deploy without approval
          (break-glass)</button>` : nothing}</div></td>
    </tr>`, more => redraw('image-list', table(more)))}</table>`;
  return page.items.length === 0
    ? html`<div class="empty">No image has been built for this application yet.</div>`
    : html`${searchBox('image-list', 'Search images', path, table)}${listBox('image-list', table, page)}`;
}

/**
 * Whether the chosen people can meet the pipeline's rules: enough of them in all and, per rule, enough in its
 * group (a rough check: it does not seat a person in only one rule, the server's RuleAssignment does).
 */
function shortfall(pipeline, eligible, chosen) {
  if (chosen.length === 0) return '';
  const need = pipeline.approval.requiredApprovals;
  if (chosen.length < need) {
    return 'You chose ' + chosen.length + ' of the ' + need + ' approvers this needs: they cannot complete it alone.';
  }
  const missing = pipeline.approval.approverRules.filter(rule => eligible.filter(a => chosen.includes(a.userId)
    && a.rules.includes(rule.group)).length < rule.approvals);
  return missing.length ? 'Nobody you chose can fill ' + missing.map(r => r.approvals + ' from ' + r.group)
    .join(' and ') + ': add someone from that group.' : '';
}

/** Who a request naming nobody asks (the server's DefaultRecipients, shown on the form). */
function askedText(eligible) {
  const asked = eligible.filter(a => a.askedByDefault).map(a => a.userId);
  return asked.length ? 'If you choose nobody, these are asked: ' + asked.join(', ') + '.' : '';
}

async function requestDialog(pipeline, digest, tag) {
  const eligible = await api('GET', '/api/pipelines/' + enc(pipeline.id) + '/eligible-approvers?imageDigest='
    + enc(digest));
  const chosen = () => [...document.querySelectorAll('input[name=approver]:checked')].map(box => box.value);
  const warn = () => render(html`${shortfall(pipeline, eligible, chosen())}`, $('request-warning'));
  openDialog(html`<form class="dialog-body" @submit=${e => act(e, async () => {
    await api('POST', '/api/approval-requests', { pipelineId: pipeline.id, imageDigest: digest,
      approvers: chosen(), comment: $('request-comment').value || null });
    closeDialog();
    await route();
    return 'Approval requested for ' + tag + ': the approvers have been emailed.';
  })}>
    <h2 id="dialog-title">Request approval for ${tag}</h2>
    <p class="muted">${pipeline.application} → ${pipeline.environment} needs ${approvalText(pipeline.approval)}.
      Choose who should be asked, or nobody to ask the default approvers.</p>
    <p class="muted" data-testid="asked-by-default">${askedText(eligible)}</p>
    <fieldset class="checks"><legend>Approvers</legend>${eligible.length === 0
      ? html`<span class="muted">Nobody else may approve this image.</span>`
      : eligible.map((a, i) => html`<label><input type="checkbox" name="approver" value=${a.userId}
        ?autofocus=${i === 0} @change=${warn}>${a.userId}${a.rules.length ? html` <span class="muted">(can fill
        ${a.rules.join(', ')})</span>` : nothing}</label>`)}</fieldset>
    <p id="request-warning" class="warning" role="status"></p>
    <label for="request-comment">Comment for the approvers</label>
    <textarea id="request-comment" maxlength="2000"></textarea>
    <div class="row end"><button type="button" class="secondary" @click=${closeDialog}>Close</button>
      <button type="submit" data-action="submit-request">Submit Request</button></div>
  </form>`);
}

async function pendingTab(pipeline) {
  const page = await listPage('/api/approval-requests?pipelineId=' + enc(pipeline.id)
    + '&status=PENDING&status=APPROVED&size=50');
  const table = p => html`${countLine(p, 'request')}<table><tr><th>Image</th><th>Requested by</th><th>State</th>
    <th>Actions</th></tr>${pagedRows(p, r => requestRow(r, pipeline), more => redraw('request-list', table(more)))}
    </table>`;
  return page.items.length === 0 ? html`<div class="empty">Nothing is waiting for approval on this pipeline.</div>`
    : listBox('request-list', table, page);
}

function requestRow(r, pipeline, triggers) {
  r.trigger = pipeline ? pipeline.trigger : triggers[r.pipelineId];
  return html`<tr data-request=${r.id}>
    <td>${pipeline ? nothing : html`<div>${r.application} → ${r.environment}</div>`}<strong>${r.imageTag}</strong>
      <div class="mono muted">${r.imageDigest}</div>${r.comment ? html`<div class="muted">“${r.comment}”</div>`
        : nothing}</td>
    <td>${r.requestedBy}<div class="muted">${when(r.createdAt)}</div></td><td>${requestSummary(r)}</td>
    <td><div class="row">${actionButtons(r)}</div></td></tr>`;
}

const VERBS = {
  approve: { label: 'Approve' },
  reject: { label: 'Reject' },
  withdraw: { label: 'Withdraw my approval' },
  cancel: { label: 'Cancel request' },
  expire: { label: 'Expire approval' },
};

function actionButtons(request) {
  return request.allowedActions.map(verb => html`<button class=${verb === 'approve' ? '' : 'secondary'}
    data-action="vote" data-verb=${verb} data-request=${request.id}
    @click=${e => act(e, () => (verb === 'approve' || verb === 'reject' ? decisionDialog : undoDialog)(request,
      verb))}>${verb === 'approve' && request.trigger === 'AUTOMATIC' ? 'Approve and deploy'
      : VERBS[verb].label}</button>`);
}

/** After a vote: the outcome, and what is still missing. */
function outcome(verb, r) {
  const what = r.imageTag + ' for ' + r.environment;
  if (verb === 'cancel') return 'Request cancelled: ' + what + ' can no longer be approved.';
  if (verb === 'expire') return 'Approval expired: ' + what + ' needs a new request before it can be deployed.';
  if (verb === 'reject') return 'Rejected ' + what + '.';
  const done = (verb === 'approve' ? 'Approved ' : 'Approval withdrawn for ') + what + '.';
  if (r.status === 'APPROVED') {
    return done + (r.trigger === 'AUTOMATIC' ? ' It has all its approvals and is being deployed.'
      : ' It has all its approvals and can be deployed.');
  }
  if (r.status !== 'PENDING') return done + ' The request is now ' + r.status + '.';
  const missing = (r.rules || []).filter(rule => rule.have < rule.need).map(rule => rule.group + ' ' + rule.have
    + ' of ' + rule.need);
  return done + ' Still missing: ' + r.remainingApprovals + ' approval' + (r.remainingApprovals === 1 ? '' : 's')
    + (missing.length ? ' (' + missing.join(', ') + ')' : '') + '.';
}

async function vote(request, verb, body) {
  const receipt = session.linkReceipt && session.linkReceipt.requestId === request.id
    ? session.linkReceipt.receipt : null;
  const withLink = receipt && (verb === 'approve' || verb === 'reject') ? { ...(body || {}), link: receipt } : body;
  const after = await api('POST', '/api/approval-requests/' + enc(request.id) + '/' + verb, withLink);
  if (receipt) session.linkReceipt = null;
  closeDialog();
  await route();
  return outcome(verb, { ...after, trigger: request.trigger });
}

/** Approve or reject, with what an approver needs to decide and a comment. */
async function decisionDialog(request, verb) {
  const image = await imageOf(request);
  const approve = verb === 'approve';
  openDialog(html`<form class="dialog-body" @submit=${e => act(e, () => vote(request, verb,
    { comment: $('decision-comment').value || null }))}>
    <h2 id="dialog-title">${approve ? 'Approve' : 'Reject'} ${request.application} ${request.imageTag} for
      ${request.environment}</h2>
    <dl class="facts">
      <dt>Image</dt><dd><span class="mono">${request.imageDigest}</span></dd>
      <dt>Repository</dt><dd>${image && image.repository ? html`<span class="mono">${image.repository}</span>`
        : '—'}</dd>
      <dt>Commit</dt><dd>${image && image.commit ? html`<code>${image.commit}</code>` : '—'}</dd>
      <dt>Built</dt><dd>${image ? when(image.builtAt) : '—'} by ${request.builtBy}</dd>
      <dt>Requested</dt><dd>${when(request.createdAt)} by ${request.requestedBy}</dd>
      <dt>Asked</dt><dd>${request.notifiedApprovers && request.notifiedApprovers.length
        ? request.notifiedApprovers.join(', ') : 'everyone eligible'}</dd>
      <dt>Expires</dt><dd>${when(request.expiresAt)}</dd>
      <dt>Comment</dt><dd>${request.comment ? html`“${request.comment}”` : html`<span class="muted">none</span>`}</dd>
      <dt>Progress</dt><dd>${requestSummary(request)}</dd>
    </dl>
    ${approve && request.trigger === 'AUTOMATIC' ? html`<p class="warning">This pipeline deploys by itself: when
      your approval completes the request, ${request.imageTag} is deployed to ${request.environment} at once.</p>`
      : nothing}
    <label for="decision-comment">${approve ? 'Comment (optional)' : 'Why do you reject it?'}</label>
    <textarea id="decision-comment" maxlength="2000" autofocus ?required=${!approve}></textarea>
    <div class="row end"><button type="button" class="secondary" @click=${closeDialog}>Close</button>
      <button type="submit" class=${approve ? '' : 'danger'} data-confirm>${approve
        ? (request.trigger === 'AUTOMATIC' ? 'Approve and deploy' : 'Approve') : 'Reject'}</button></div>
  </form>`);
}

/** The image a request is for (repository, commit, build time): read from the images page by its tag. */
async function imageOf(request) {
  try {
    const images = await api('GET', '/api/pipelines/' + enc(request.pipelineId) + '/images?size=20&tag='
      + enc(request.imageTag));
    return images.find(i => i.digest === request.imageDigest) || null;
  } catch (e) {
    return null;
  }
}

/** Withdraw, cancel, expire: confirmed, saying what each undoes. */
function undoDialog(request, verb) {
  const what = request.application + ' ' + request.imageTag + ' for ' + request.environment;
  const texts = {
    withdraw: 'Your approval stops counting. If it completed the request, the request is open again and needs'
      + ' another approval before anyone can deploy.',
    cancel: 'Nobody can approve this request any more and the approvals it has are dropped. Deploying '
      + request.imageTag + ' needs a new request, approved again from the start.',
    expire: 'The approval can no longer be used to deploy ' + request.imageTag + '. Deploying it needs a new request,'
      + ' approved again from the start.',
  };
  confirmDialog({ title: VERBS[verb].label + ': ' + what + '?', text: texts[verb], confirmLabel: VERBS[verb].label,
    danger: verb !== 'withdraw', run: () => vote(request, verb) });
}

async function selectTab(pipeline) {
  const [page, active] = await Promise.all([
    listPage('/api/pipelines/' + enc(pipeline.id) + '/deployable-images?size=50'),
    api('GET', '/api/pipelines/' + enc(pipeline.id) + '/active').catch(() => null)]);
  const mayDeploy = can('BUILD_AND_DEPLOY', pipeline.scope);
  const me = session.me.userId;
  const table = p => html`${countLine(p, 'image')}<table><tr><th>Image</th><th>Approved by</th><th></th></tr>
    ${pagedRows(p, image => html`<tr data-digest=${image.digest}>
      <td><strong>${image.tag}</strong><div class="mono muted">${image.digest}</div></td>
      <td>${image.latestRequest ? image.latestRequest.votes.map(v => v.userId).join(', ') : '—'}</td>
      <td>${image.allowedActions.includes('deploy') ? html`<div class="row"><button data-action="deploy"
          data-digest=${image.digest} @click=${e => act(e, () => deploy(pipeline, image))}>Deploy</button>
          ${image.allowedActions.includes('schedule') ? html`<button class="secondary" data-action="schedule"
          data-digest=${image.digest} @click=${() => scheduleDialog(pipeline, image)}>Schedule…</button>` : nothing}
          </div>`
        : !mayDeploy ? html`<span class="muted">You may not deploy here.</span>`
        : image.latestRequest && image.latestRequest.votes.some(v => v.userId === me)
          ? html`<span class="muted">You approved it: someone else deploys it.</span>`
          : html`<span class="muted">It cannot be deployed now.</span>`}</td>
    </tr>`, more => redraw('deployable-list', table(more)))}</table>`;
  return html`${active ? html`<p>Active on ${pipeline.environment}: <strong>${active.image.tag}</strong>
      <span class="badge active">Active on ${pipeline.environment}</span></p>` : nothing}
    <h2>${pipeline.approval.requiredApprovals > 0 ? 'Approved images' : 'Images'}</h2>
    ${page.items.length === 0 ? html`<div class="empty" id="nothing-deployable">No approved image is available${
      active ? ' besides the one already deployed' : ''}. Request an approval in the Images tab, and deploy once
      it has all of its approvals.</div>` : listBox('deployable-list', table, page)}`;
}

/** A datetime-local input's value (the user's local time, to the minute) for an instant. */
const localInput = date => new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);

/**
 * Approve now, deploy later (issue 18): schedules an approved image's deployment at a time the user picks (their
 * local time, sent as an instant) or at the next opening of the pipeline's deployment windows. The server checks the
 * time and the windows and says why it refuses (a window closed at that time, and when it opens next).
 */
function scheduleDialog(pipeline, image) {
  const atTime = () => $('schedule-at-time').checked;
  const toggle = () => {
    $('schedule-run-at').disabled = !atTime();
    render(nothing, $('schedule-problem')); // the refusal was about the other choice
  };
  openDialog(html`<form class="dialog-body" @submit=${e => act(e, async () => {
    const body = { imageDigest: image.digest };
    if (atTime()) body.runAt = new Date($('schedule-run-at').value).toISOString();
    let schedule;
    try {
      schedule = await api('POST', '/api/pipelines/' + enc(pipeline.id) + '/schedules', body);
    } catch (e) {
      render(plainWords(e), $('schedule-problem')); // in the dialog, which hides the page's message
      throw e;
    }
    closeDialog();
    location.hash = '#/pipelines/' + enc(pipeline.id) + '/details';
    return 'Deployment of ' + image.tag + ' scheduled for ' + when(schedule.runAt) + '.';
  })}>
    <h2 id="dialog-title">Schedule the deployment of ${image.tag}</h2>
    <p class="muted">At its time Shipgate deploys ${image.tag} to ${pipeline.environment} on your behalf, if its
      approval still holds then. It is voided, and you are emailed, if the approval expires or is used first, or if
      another image is deployed before it.</p>
    <fieldset class="checks"><legend>When</legend>
      <label><input type="radio" name="schedule-when" id="schedule-at-time" checked @change=${toggle}>At a time
        (your local time)</label>
      <input type="datetime-local" id="schedule-run-at" required aria-label="Date and time of the deployment"
        value=${localInput(new Date(Date.now() + 3600000))} autofocus>
      <label><input type="radio" name="schedule-when" id="schedule-next-opening" @change=${toggle}>At the next
        opening of the pipeline's deployment window</label></fieldset>
    <p id="schedule-problem" class="warning" role="alert"></p>
    <div class="row end"><button type="button" class="secondary" @click=${closeDialog}>Close</button>
      <button type="submit" data-action="submit-schedule">Schedule</button></div>
  </form>`);
}

const VOID_WORDS = { APPROVAL_EXPIRED: 'its approval expired', CANCELLED: 'cancelled',
  APPROVAL_USED: 'the image was deployed first', NEWER_DEPLOYMENT: 'another image was deployed first',
  REFUSED: 'the deploy was refused at its time' };

/**
 * The pipeline's scheduled deploys (issue 18), latest start first, with their state; a pending one may be cancelled
 * by who scheduled it or an admin of the pipeline (the server's rule; this only hides the button).
 */
function schedulesCard(pipeline, schedules) {
  if (!schedules || schedules.length === 0) return nothing;
  const me = session.me.userId.toLowerCase();
  const mayCancel = s => s.status === 'PENDING' && (s.requestedBy.toLowerCase() === me
    || can('ADMIN', pipeline.scope));
  const cancel = s => confirmDialog({ title: 'Cancel the scheduled deployment of ' + s.image.tag + '?',
    text: 'It was to start ' + when(s.runAt) + '. Nothing is deployed; the approval stays as it is.',
    confirmLabel: 'Cancel it', danger: true, run: async () => {
      await api('DELETE', '/api/pipelines/' + enc(pipeline.id) + '/schedules/' + enc(s.id));
      await route();
      return 'The scheduled deployment of ' + s.image.tag + ' is cancelled.';
    } });
  return html`<div class="card" id="schedules"><h2>Scheduled deploys</h2><table><tr><th>Image</th><th>Starts</th>
    <th>Scheduled by</th><th>State</th><th></th></tr>${schedules.slice(0, 10).map(s => html`<tr
      data-schedule=${s.id} data-status=${s.status} data-digest=${s.image.digest}>
      <td><strong>${s.image.tag}</strong></td><td>${when(s.runAt)}</td><td>${s.requestedBy}</td>
      <td><span class="badge ${s.status}">${s.status}</span>${s.voidReason ? html` <span class="muted">${
        VOID_WORDS[s.voidReason] || s.voidReason}</span>` : nothing}${s.deploymentId ? html` · <a
        href="#/pipelines/${enc(pipeline.id)}/details/${enc(s.deploymentId)}">its deployment</a>` : nothing}</td>
      <td>${mayCancel(s) ? html`<button class="secondary" data-action="cancel-schedule" data-schedule=${s.id}
        @click=${() => cancel(s)}>Cancel</button>` : nothing}</td></tr>`)}</table></div>`;
}

async function deploy(pipeline, image) {
  const deployment = await api('POST', '/api/pipelines/' + enc(pipeline.id) + '/deployments',
    { imageDigest: image.digest });
  location.hash = '#/pipelines/' + enc(pipeline.id) + '/details/' + enc(deployment.id);
  return 'Deployment of ' + image.tag + ' requested.';
}

/** What is live and its health first; the chosen (or newest) attempt below, followed while it is under way. */
async function detailsTab(pipeline, deploymentId) {
  const [history, active, schedules] = await Promise.all([
    api('GET', '/api/pipelines/' + enc(pipeline.id) + '/deployments?size=1'),
    api('GET', '/api/pipelines/' + enc(pipeline.id) + '/active').catch(() => null),
    api('GET', '/api/pipelines/' + enc(pipeline.id) + '/schedules').catch(() => [])]);
  const id = deploymentId || (history[0] && history[0].id);
  watchScreen('/api/pipelines/' + enc(pipeline.id) + '/deployments/changes');
  const live = html`<div class="card live ${active ? '' : 'nothing'}" id="live">${active ? html`<div class="row"><h2 class="grow">Live on
      ${pipeline.environment}: ${active.image.tag}</h2><span class="badge ${active.status}">${active.status}</span>
    </div><p class="muted">Deployed ${when(active.startedAt || active.requestedAt)} by ${active.requestedBy}${
      active.approvedBy && active.approvedBy.length ? ', approved by ' + active.approvedBy.join(', ') : ''}.</p>`
    : html`<h2>Nothing is live on ${pipeline.environment}</h2><p class="muted">No deployment has become healthy
      here yet.</p>`}</div>${schedulesCard(pipeline, schedules)}${remindersCard(pipeline)}`;
  if (!id) return html`${live}<div class="empty">Nothing has been deployed on this pipeline yet.</div>`;
  const d = id === (active && active.id) ? active : await api('GET', '/api/deployments/' + enc(id));
  const streamed = watchScreen('/api/pipelines/' + enc(pipeline.id) + '/deployments/changes');
  if (!streamed && SHIPGATE_RULES.deploymentStatuses.pending.includes(d.status)) {
    // no stream: follow it by polling until it settles; lit-html redraws only changes
    refreshTimer = setTimeout(() => route({ refresh: true }), 1500);
  }
  return html`${live}<h2>${deploymentId ? 'This deployment' : 'Newest deployment'}</h2>
    <div class="card" id="deployment" data-status=${d.status}>
    <div class="row"><h3 class="grow">${d.image.tag} on ${d.image.environment}</h3>${d.breakGlass ? html`<span
      class="badge break-glass" id="break-glass-badge">break-glass</span>` : nothing}
    <span class="badge ${d.status}" id="deployment-status" role="status">${d.status}</span></div>
    <p class="muted">Deployment <code>${d.id}</code> requested by ${d.requestedBy}${
      d.rollbackOf ? html` · rollback of <code>${d.rollbackOf}</code>` : nothing}</p>
    ${breakGlassCard(pipeline, d)}
    <ul class="timeline">${d.timeline.map(step => html`<li><span class="badge ${step.status}">${step.status}</span>
      <span class="muted">${when(step.at)}</span> ${step.detail}${step.link ? html` <a class="step-link"
        href=${step.link} target="_blank" rel="noopener noreferrer">open in the tool</a>` : nothing}</li>`)}</ul></div>`;
}

/** A pipeline's reminder plan (issue 19), in the API's order: [field, label, example]. */
const PLAN_FIELDS = [['remindAfter', 'First reminder after', 'PT4H'], ['remindEvery', 'Then again every', 'PT4H'],
  ['maxReminders', 'Reminders at most (0 to 10)', '2'], ['escalateAfter', 'Escalate after', 'P1D'],
  ['fallbackGroup', 'Fallback group (mailed, and sees the request)', 'release-managers']];

const planValue = value => value === null || value === undefined ? '' : String(value);

/**
 * The plan for everyone who sees the pipeline; a form for who may change the pipeline (the server decides). A field
 * left empty takes the installation's default; "No escalation" is an empty group.
 */
function remindersCard(pipeline) {
  const plan = pipeline.reminders || {};
  const noEscalation = plan.fallbackGroup === '';
  if (!can('ADMIN', pipeline.scope)) {
    return html`<div class="card" id="reminders"><h2>Reminders and escalation</h2><dl class="plan">${PLAN_FIELDS.map(
      ([key, label]) => html`<dt>${label}</dt><dd data-plan=${key}>${key === 'fallbackGroup' && noEscalation
        ? 'none: no escalation' : planValue(plan[key]) || 'installation default'}</dd>`)}</dl></div>`;
  }
  return html`<form class="card" id="reminders" @submit=${e => act(e, async () => {
    const reminders = {};
    PLAN_FIELDS.forEach(([key]) => {
      const value = $('plan-' + key).value.trim();
      // a count as a number; anything else as typed, for the server to refuse naming the field (Number('abc') would
      // be sent as null: the installation's default, without a word)
      if (value !== '') reminders[key] = key === 'maxReminders' && /^\d+$/.test(value) ? Number(value) : value;
    });
    if ($('plan-no-escalation').checked) reminders.fallbackGroup = '';
    await api('PUT', '/api/pipelines/' + enc(pipeline.id), pipelineBody(pipeline, reminders));
    await route({ refresh: true });
  }, 'Reminder plan saved.')}><h2>Reminders and escalation</h2>
    <p class="muted">Durations in ISO-8601, such as PT30M, PT4H or P1D (1 minute to 30 days). A field left empty
      takes the installation's default.</p>
    ${PLAN_FIELDS.map(([key, label, example]) => html`<label for="plan-${key}">${label}</label><input
      id="plan-${key}" name=${key} placeholder="installation default, e.g. ${example}"
      .value=${key === 'fallbackGroup' && noEscalation ? '' : planValue(plan[key])}>`)}
    <label class="check"><input type="checkbox" id="plan-no-escalation" ?checked=${noEscalation}>No escalation on
      this pipeline</label>
    <p><button type="submit" data-action="save-reminders">Save plan</button></p></form>`;
}

/** The pipeline as the API takes it back (PUT), with a new reminder plan. */
function pipelineBody(p, reminders) {
  const a = p.approval;
  return { project: p.project, application: p.application, environment: p.environment, target: p.target,
    targetRef: p.targetRef, strategy: p.strategy, requiredApprovals: a.requiredApprovals,
    approverRules: a.approverRules, approvalLifetimeSeconds: a.approvalLifetimeSeconds,
    requestLifetimeSeconds: a.requestLifetimeSeconds, approverMayDeploy: a.approverMayDeploy, trigger: p.trigger,
    countVoterInEveryRule: a.countVoterInEveryRule, reminders, version: p.version }; // refused if changed since read
}

async function historyTab(pipeline) {
  const path = '/api/pipelines/' + enc(pipeline.id) + '/deployments?size=50';
  const [page, active, offer] = await Promise.all([
    listPage(path),
    api('GET', '/api/pipelines/' + enc(pipeline.id) + '/active').catch(() => null),
    api('GET', '/api/pipelines/' + enc(pipeline.id) + '/break-glass').catch(() => null)]);
  const mayDeploy = can('BUILD_AND_DEPLOY', pipeline.scope);
  const gated = pipeline.approval.requiredApprovals > 0;
  const table = p => html`${countLine(p, 'deployment')}${gated && mayDeploy ? html`<p class="muted" id="rollback-note">
      Rolling back on this pipeline needs a new approval of the older image: request it here, then deploy it from
      Select Image once approved.</p>` : nothing}
    <table><tr><th>When</th><th>Image</th><th>By</th><th>Status</th><th></th></tr>${pagedRows(p, d => html`<tr
      data-deployment=${d.id}>
      <td>${when(d.requestedAt)}</td><td><strong>${d.image.tag}</strong>${d.breakGlass ? html` <span
        class="badge break-glass">break-glass</span>` : nothing}</td><td>${d.requestedBy}</td>
      <td><a href="#/pipelines/${enc(pipeline.id)}/details/${enc(d.id)}"><span class="badge ${d.status}">${d.status
        }</span></a>${active && active.id === d.id ? html` <span class="badge active">Live</span>` : nothing}</td>
      <td>${rollbackAction(pipeline, d, active, mayDeploy, gated)}</td>
    </tr>`, more => redraw('deployment-list', table(more)))}</table>`;
  return page.items.length === 0 ? html`<div class="empty">No deployment yet.</div>`
    : html`${incidentRollback(pipeline, offer, active)}${searchBox('deployment-list', 'Search deployments', path,
      table)}${listBox('deployment-list', table, page)}`;
}

/**
 * Rollback during an incident (issue 18): where the pipeline's break-glass policy allows this user, one click (and a
 * justification) rolls back to the previous healthy release without an approval; otherwise the card says at once
 * that it needs an approval, with the request one click away. The server decides either way.
 */
function incidentRollback(pipeline, offer, active) {
  const target = offer && offer.rollbackTo;
  if (!target || !can('BUILD_AND_DEPLOY', pipeline.scope)) return nothing;
  const tag = target.image.tag;
  if (!offer.allowed) {
    return html`<div class="card" id="incident-rollback" data-allowed="false"><h2>Incident rollback to ${tag}</h2>
      <p class="muted" id="incident-rollback-reason">Rolling back to ${tag} needs an approval: ${offer.detail}</p>
      <button class="secondary" data-action="request-approval" data-digest=${target.image.digest}
        @click=${e => act(e, () => requestDialog(pipeline, target.image.digest, tag))}>Request approval for
        ${tag}</button></div>`;
  }
  return html`<div class="card" id="incident-rollback" data-allowed="true"><h2>Incident rollback to ${tag}</h2>
    <p class="muted">${active ? active.image.tag + ' is live. ' : ''}You may roll back to ${tag}, the previous
      healthy release, without an approval (break-glass): it is recorded, the approvers and admins are emailed, and
      an approver must review it within ${offer.policy.reviewWithin}.</p>
    <button class="danger" data-action="break-glass-rollback" @click=${() => breakGlassDialog(pipeline, {
      title: 'Break the glass: roll back to ' + tag, confirm: 'Roll back now', path: 'rollbacks',
      body: { deploymentId: target.id }, done: 'Break-glass rollback to ' + tag })}>Roll back now to ${tag}
      (break-glass)</button></div>`;
}

/** The break-glass deploy of an image nobody approved, where the pipeline's policy allows this user. */
const breakGlassDeploy = (pipeline, image) => ({ title: 'Break the glass: deploy ' + image.tag + ' to '
  + pipeline.environment + ' without an approval', confirm: 'Deploy now', path: 'deployments',
body: { imageDigest: image.digest }, done: 'Break-glass deployment of ' + image.tag });

/** Breaking the glass ({title, confirm, path: deployments or rollbacks, body, done}) with a justification. */
function breakGlassDialog(pipeline, action) {
  openDialog(html`<form class="dialog-body" @submit=${e => act(e, async () => {
    const deployment = await api('POST', '/api/pipelines/' + enc(pipeline.id) + '/break-glass/' + action.path,
      { ...action.body, justification: $('break-glass-justification').value,
        incidentRef: $('break-glass-incident').value || null });
    closeDialog();
    location.hash = '#/pipelines/' + enc(pipeline.id) + '/details/' + enc(deployment.id);
    return action.done + ' started; the approvers and admins have been emailed.';
  })}>
    <h2 id="dialog-title">${action.title}</h2>
    <p class="muted">No approval is used, and deployment windows do not hold it. Say why; your words go to the
      approvers and admins at once and stay on the deployment, and an approver must review it.</p>
    <label for="break-glass-justification">Justification</label>
    <textarea id="break-glass-justification" required maxlength="2000" autofocus></textarea>
    <label for="break-glass-incident">Incident reference (optional)</label>
    <input id="break-glass-incident" maxlength="200">
    <div class="row end"><button type="button" class="secondary" @click=${closeDialog}>Keep it</button>
      <button type="submit" class="danger" data-action="confirm-break-glass">${action.confirm}</button></div>
  </form>`);
}

/** A break-glass deployment's justification and review; an approver other than who broke it closes the review. */
function breakGlassCard(pipeline, d) {
  const bg = d.breakGlass;
  if (!bg) return nothing;
  const mayReview = bg.review === 'OPEN' && can('IMAGE_APPROVER', pipeline.scope)
    && session.me.userId.toLowerCase() !== d.requestedBy.toLowerCase();
  const review = outcome => openDialog(html`<form class="dialog-body" @submit=${e => act(e, async () => {
    await api('POST', '/api/deployments/' + enc(d.id) + '/break-glass-review',
      { outcome, comment: $('review-comment').value });
    closeDialog();
    await route();
    return 'Break-glass review ' + outcome.toLowerCase() + '.';
  })}>
    <h2 id="dialog-title">${outcome === 'FLAGGED' ? 'Flag' : 'Acknowledge'} the break-glass by ${d.requestedBy}</h2>
    <label for="review-comment">Comment</label><textarea id="review-comment" required maxlength="2000"
      autofocus></textarea>
    <div class="row end"><button type="button" class="secondary" @click=${closeDialog}>Close</button>
      <button type="submit" data-action="submit-review">${outcome === 'FLAGGED' ? 'Flag' : 'Acknowledge'}</button>
    </div></form>`);
  return html`<div class="card break-glass" id="break-glass" data-review=${bg.review}><h3>Break-glass by
    ${d.requestedBy}</h3><p>“${bg.justification}”${bg.incidentRef ? html` · incident ${bg.incidentRef}` : nothing}</p>
    <p class="muted">Review ${bg.review === 'OPEN' ? html`due ${when(bg.reviewDueAt)}` : html`${bg.review} by
      ${bg.reviewedBy}: “${bg.comment}”`}</p>${mayReview ? html`<div class="row">
      <button class="secondary" data-action="acknowledge" @click=${() => review('ACKNOWLEDGED')}>Acknowledge</button>
      <button class="danger" data-action="flag" @click=${() => review('FLAGGED')}>Flag</button></div>` : nothing}
  </div>`;
}

function rollbackAction(pipeline, d, active, mayDeploy, gated) {
  const live = active && active.image.digest === d.image.digest;
  if (!mayDeploy || live || !SHIPGATE_RULES.deploymentStatuses.endedWell.includes(d.status)) return nothing;
  if (gated) {
    return html`<button class="secondary" data-action="request-approval" data-digest=${d.image.digest}
      @click=${e => act(e, () => requestDialog(pipeline, d.image.digest, d.image.tag))}>Request approval for
      ${d.image.tag}</button>`;
  }
  return html`<button class="secondary" data-action="rollback" data-deployment=${d.id}
    @click=${() => confirmDialog({ title: 'Roll back ' + pipeline.application + ' ' + pipeline.environment + ' to '
      + d.image.tag + '?', text: (active ? active.image.tag + ' is live now and will be replaced by '
      : 'This deploys ') + d.image.tag + ' again.', confirmLabel: 'Roll back to ' + d.image.tag, danger: true,
    run: async () => {
      const deployment = await api('POST', '/api/pipelines/' + enc(pipeline.id) + '/rollbacks',
        { deploymentId: d.id });
      location.hash = '#/pipelines/' + enc(pipeline.id) + '/details/' + enc(deployment.id);
      return 'Rollback to ' + d.image.tag + ' requested.';
    } })}>Roll back to this</button>`;
}

async function myPendingScreen() {
  const [page, pipelines] = await Promise.all([listPage('/api/approval-requests/pending-my-approval?size=50'),
    api('GET', '/api/pipelines')]);
  const triggers = Object.fromEntries(pipelines.map(p => [p.id, p.trigger]));
  const table = p => html`${countLine(p, 'request')}<table><tr><th>Image</th><th>Requested by</th><th>State</th>
    <th></th></tr>${pagedRows(p, r => requestRow(r, null, triggers), more => redraw('request-list', table(more)))}
    </table>`;
  show(html`<h1>Approval pending</h1><p class="muted">Requests you can approve now, and requests escalated to a group
    you are in (you vote on those only where your own rights allow).</p>
    ${page.items.length === 0 ? html`<div class="empty">Nothing is waiting for your approval.</div>`
      : listBox('request-list', table, page)}`);
}

/** Where the approve-from-email link lands: spend the link, then show the request, or its outcome if settled. */
async function approveLinkScreen(requestId, params) {
  const token = params.get('link');
  try {
    if (token) {
      const spent = await api('POST', '/api/notifications/approval-links/redeem', { token });
      // the vote carries the receipt, so the history says it came through this e-mail link
      session.linkReceipt = spent.receipt ? { requestId: spent.requestId, receipt: spent.receipt } : null;
    }
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    show(html`<div class="card" id="link-refused"><h1>This approval link cannot be used</h1>
      <p>${plainWords(e)}</p><p><a href="#/pending">Go to Approval pending</a></p></div>`);
    return;
  }
  const r = await api('GET', '/api/approval-requests/' + enc(requestId));
  r.trigger = (await api('GET', '/api/pipelines/' + enc(r.pipelineId)).catch(() => ({}))).trigger;
  const open = r.allowedActions.includes('approve');
  show(html`<div class="card" data-request=${r.id}><h1>${open ? html`Approve ${r.application} ${r.imageTag} for
    ${r.environment}?` : html`${r.application} ${r.imageTag} for ${r.environment}: ${r.status}`}</h1>
    <p>Requested by <strong>${r.requestedBy}</strong> ${when(r.createdAt)}, built by ${r.builtBy}; expires
      ${when(r.expiresAt)}.</p>
    <p class="mono">${r.imageDigest}</p>${r.comment ? html`<p>“${r.comment}”</p>` : nothing}
    <p>${requestSummary(r)}</p>
    <div class="row">${r.allowedActions.length ? actionButtons(r)
      : html`<span class="muted">There is nothing left for you to do on this request.</span>`}</div></div>`);
}

// --- Access and API tokens ------------------------------------------------------------------------------------

/** directory: every user the caller sees (group members come from it); users: those the search matches. */
const access = { directory: [], users: [], groups: [], search: '', searchTimer: null };

async function adminScreen() {
  const [directory, users, groups] = await Promise.all([api('GET', usersPath('')),
    access.search ? api('GET', usersPath(access.search)) : null, api('GET', '/api/access/groups')]);
  Object.assign(access, { directory, users: users || directory, groups });
  const superAdmin = session.me.superAdmin;
  show(html`<h1>Access</h1>
    <h2>Users</h2>
    <p class="muted" id="directory-scope">${superAdmin ? 'You see every user.' : html`You see the users with roles
      inside what you manage (${grantableScopes().map(scopeText).join(', ') || 'nothing'}). To give a first role to
      someone else, search for their exact user id.`}</p>
    <div class="row"><label class="inline grow" for="user-search">Search users <input id="user-search"
      class="grow" type="search" placeholder="user id, name or e-mail address" .value=${access.search}
      @input=${e => searchUsers(e.target.value)}></label></div>
    <div id="user-list"></div>
    <div id="grant-form"></div>
    <h2>Permission groups</h2><table><tr><th>Group</th><th>Roles</th><th>Members${superAdmin ? ''
      : ' you can see'}</th><th></th></tr>${groups.map(g => html`<tr data-group=${g.name}><td><strong>${g.name
      }</strong><div class="muted">${g.description}</div></td>
      <td>${g.grants.map(x => html`<div>${bindingText(x)}</div>`)}</td>
      <td class="members">${members(g.name).join(', ') || html`<span class="muted">none</span>`}</td>
      <td>${superAdmin ? html`<button class="secondary" data-action="edit-group" data-group=${g.name}
        @click=${() => showForm('group-form', groupForm(g.name))}>Edit</button>` : nothing}</td></tr>`)}</table>
    ${superAdmin ? html`<p><button class="secondary" data-action="edit-group" data-group=""
      @click=${() => showForm('group-form', groupForm(''))}>New group</button></p>` : nothing}
    <div id="group-form"></div>`);
  render(usersTable(), $('user-list')); // its own box: a search redraws the users alone
}

const usersPath = search => '/api/access/users' + (search ? '?q=' + enc(search) : '');
const members = group => access.directory.filter(u => u.groups.includes(group)).map(u => u.id);

/** The search asks the server (a manager's exact-id search finds users outside their scope), 300 ms after typing. */
function searchUsers(text) {
  access.search = text.trim();
  clearTimeout(access.searchTimer);
  access.searchTimer = setTimeout(async () => {
    try {
      access.users = await api('GET', usersPath(access.search));
      render(usersTable(), $('user-list'));
    } catch (e) {
      if (e.name !== 'AbortError' && e.status !== 401) flash(plainWords(e));
    }
  }, 300);
}

function usersTable() {
  const superAdmin = session.me.superAdmin;
  if (access.users.length === 0) {
    return html`<div class="empty" id="no-users">No user matches${access.search ? ' “' + access.search + '”' : ''}.
      </div>`;
  }
  return html`<table><tr><th>User</th><th>Groups</th><th>Roles</th><th></th></tr>${access.users.map(u => html`<tr
      data-user=${u.id}>
      <td><strong>${u.displayName}</strong><div class="muted">${u.id} · ${u.email}${u.active ? '' : ' · inactive'}</div>
      </td><td>${u.groups.join(', ')}</td><td>${u.grants.map(g => html`<div class="grant">${bindingText(g)}${
        mayChangeRole(u, g) ? html` <button class="link" data-action="remove-role" data-user=${u.id}
          data-role=${bindingText(g)} aria-label="Remove ${bindingText(g)} from ${u.id}"
          @click=${() => removeRoleDialog(u, g)}>Remove</button>` : nothing}</div>`)}</td>
      <td><div class="row">${superAdmin || u.id !== session.me.userId ? html`<button class="secondary"
        data-action="edit-user" data-user=${u.id} @click=${() => showForm('grant-form', grantForm(u.id))}>Grant a
        role</button>` : nothing}${superAdmin ? html`<button class="secondary" data-action="edit-membership"
        data-user=${u.id} @click=${() => showForm('grant-form', membershipForm(u.id))}>Groups</button>`
          : nothing}</div></td></tr>`)}</table>`;
}

/**
 * Offered where the server would allow it (GrantingPolicy): inside a scope the caller manages. Never on their own user,
 * even for a super admin, whom the server would let remove their own SUPER_ADMIN and so lock themselves out.
 */
function mayChangeRole(user, grant) {
  const me = session.me;
  if (user.id === me.userId) return false;
  if (me.superAdmin) return true;
  if (grant.role === 'SUPER_ADMIN') return false;
  const inside = s => ['project', 'application', 'environment'].every(k => s[k] === '*' || s[k] === grant.scope[k]);
  return grantableScopes().some(inside) && (grant.role !== 'IMAGE_APPROVER' || can('IMAGE_APPROVER', grant.scope));
}

function removeRoleDialog(user, grant) {
  confirmDialog({ title: 'Remove ' + grant.role + ' from ' + user.displayName + '?',
    text: user.displayName + ' loses ' + bindingText(grant) + ' at once (roles from their groups stay). Granting it'
      + ' again gives it back.', confirmLabel: 'Remove the role', danger: true,
    run: async () => {
      const kept = user.grants.filter(g => g !== grant).map(asBinding);
      await saveUser(user, { roles: kept });
      await route();
      return bindingText(grant) + ' removed from ' + user.id + '.';
    } });
}

/** Opens an inline form where it belongs and moves focus into it. */
function showForm(id, template) {
  render(template, $(id));
  const first = $(id).querySelector('select, input:not([readonly]), button');
  $(id).scrollIntoView({ block: 'nearest' });
  if (first) first.focus();
}

function grantForm(userId) {
  const user = access.users.find(u => u.id === userId);
  const where = session.me.superAdmin ? 'anywhere' : grantableScopes().map(scopeText).join(', ');
  return html`<form class="card" @submit=${e => act(e, async () => {
    await saveUser(user, { roles: user.grants.map(asBinding).concat(addedBinding('grant')) });
    render(nothing, $('grant-form'));
    await route();
  }, 'Role granted.')}><h2>Grant a role to ${userId}</h2>
    <p class="muted" id="grant-where">You may grant inside: ${where || 'nowhere'}.</p>
    <div class="row">${roleInputs('grant')}<button type="submit" data-action="grant">Grant</button></div></form>`;
}

function groupForm(name) {
  const group = access.groups.find(g => g.name === name) || { name: '', description: '', grants: [] };
  return html`<form class="card" @submit=${e => act(e, async () => {
    const newName = $('group-name').value.trim();
    const kept = [...document.querySelectorAll('input[name=group-grant]:checked')]
      .map(box => asBinding(group.grants[Number(box.value)]));
    await api('PUT', '/api/access/groups/' + enc(newName), { description: $('group-description').value,
      roles: kept.concat(addedBinding('group')) });
    render(nothing, $('group-form'));
    await route();
    return 'Group ' + newName + ' saved.';
  })}><h2>${name ? 'Edit group ' + name : 'New group'}</h2>
    <label for="group-name">Name</label><input id="group-name" .value=${group.name} ?readonly=${!!name}>
    <label for="group-description">Description</label><input id="group-description" class="wide"
      .value=${group.description}>
    <fieldset class="checks"><legend>Roles (untick to remove)</legend>${group.grants.map((g, i) => html`<label>
      <input type="checkbox" name="group-grant" value=${i} checked>${bindingText(g)}</label>`)}</fieldset>
    <fieldset><legend>Add a role</legend><div class="row">${roleInputs('group')}</div></fieldset>
    <p><button type="submit" data-action="save-group">Save group</button></p></form>`;
}

function membershipForm(userId) {
  const user = access.users.find(u => u.id === userId);
  return html`<form class="card" @submit=${e => act(e, async () => {
    const groups = [...document.querySelectorAll('input[name=member-of]:checked')].map(box => box.value);
    await saveUser(user, { groups });
    render(nothing, $('grant-form'));
    await route();
  }, 'Groups saved.')}><h2>Groups of ${user.displayName}</h2>
    <fieldset class="checks"><legend>Member of</legend>${access.groups.map(g => html`<label><input type="checkbox"
      name="member-of" value=${g.name} ?checked=${user.groups.includes(g.name)}>${g.name}</label>`)}</fieldset>
    <p><button type="submit" data-action="save-membership">Save groups</button></p></form>`;
}

/** Where the signed-in user may give roles (from /api/access/me): * / * / * only for a super admin. */
function grantableScopes() {
  return (session.me && session.me.grantableScopes) || [];
}

/**
 * The roles offered in a role input. A granter gives only roles they hold (design rule 13): MANAGER implies the ranked
 * ones, IMAGE_APPROVER is additive, so it is offered only to whoever holds it somewhere (the server checks the scope).
 */
function grantableRoles() {
  const me = session.me;
  const holdsApprover = me && (me.superAdmin || me.roles.some(g => g.role === 'IMAGE_APPROVER'));
  return ['VIEW', 'BUILD_AND_DEPLOY', 'ADMIN', 'MANAGER'].concat(holdsApprover ? ['IMAGE_APPROVER'] : []);
}

const scopeText = s => `${s.project} / ${s.application} / ${s.environment}`;

/** Role and scope inputs, starting at the first scope the caller may grant in (a choice when there are several). */
function roleInputs(prefix) {
  const scopes = grantableScopes();
  const first = scopes[0] || { project: '', application: '', environment: '' };
  const fill = e => {
    const scope = scopes[Number(e.target.value)];
    ['project', 'application', 'environment'].forEach(k => { $(prefix + '-' + k).value = scope[k]; });
  };
  return html`<label class="inline" for="${prefix}-role">Role <select id="${prefix}-role"><option value="">(none)
    </option>${grantableRoles().map(r => html`<option>${r}</option>`)}</select></label>${scopes.length > 1
    ? html`<label class="inline" for="${prefix}-scope">Inside <select id="${prefix}-scope" @change=${fill}>${
      scopes.map((s, i) => html`<option value=${i}>${scopeText(s)}</option>`)}</select></label>` : nothing}
    <label class="inline" for="${prefix}-project">Project <input id="${prefix}-project" placeholder="project or *"
      .value=${first.project}></label>
    <label class="inline" for="${prefix}-application">Application <input id="${prefix}-application"
      placeholder="application or *" .value=${first.application}></label>
    <label class="inline" for="${prefix}-environment">Environment <input id="${prefix}-environment"
      placeholder="environment or *" .value=${first.environment}></label>`;
}

const bindingText = g => `${g.role} on ${g.scope.project}/${g.scope.application}/${g.scope.environment}`;
const asBinding = g => ({ role: g.role, project: g.scope.project, application: g.scope.application,
  environment: g.scope.environment });

function addedBinding(prefix) {
  const role = $(prefix + '-role').value;
  return role ? [{ role, project: $(prefix + '-project').value, application: $(prefix + '-application').value,
    environment: $(prefix + '-environment').value }] : [];
}

function saveUser(user, changes) {
  return api('PUT', '/api/access/users/' + enc(user.id), Object.assign({ email: user.email,
    displayName: user.displayName, active: user.active, groups: user.groups, roles: user.grants.map(asBinding) },
  changes));
}

async function tokensScreen() {
  const tokens = await api('GET', '/api/access/tokens');
  show(html`<h1>API tokens</h1>
    <p class="muted">A token lets a CI job or a script call Shipgate as you, with your roles. It is shown once, when
      it is made; revoke it as soon as it is not needed or may have leaked: every service refuses it within moments.</p>
    <form class="card" @submit=${e => act(e, async () => {
      const forUser = $('token-user');
      const made = await api('POST', '/api/access/tokens', { name: $('token-name').value,
        lifetimeDays: Number($('token-days').value),
        userId: forUser && forUser.value.trim() ? forUser.value.trim() : null });
      await route();
      render(html`<p><strong>Copy this token now: it is not shown again.</strong> Send it as
        <code>Authorization: Bearer …</code>.</p><code id="new-token-value">${made.accessToken}</code>`, $('new-token'));
      return 'Token made.';
    })}><h2>New token</h2><div class="row">
      <label class="inline grow">Name <input id="token-name" class="grow" maxlength="100"
        placeholder="what it is for, e.g. nightly deploy job"></label>
      <label class="inline">Valid for <input id="token-days" type="number" min="1" max="366" value="90"> days</label>
      ${session.me.superAdmin ? html`<label class="inline">For user <input id="token-user"
        placeholder="you if empty"></label>` : nothing}
      <button type="submit" data-action="create-token">Create token</button></div><div id="new-token"></div></form>
    ${tokens.length ? html`<table><tr><th>Name</th><th>User</th><th>State</th><th>Made</th><th>Expires</th><th></th>
      </tr>${tokens.map(t => html`<tr data-token=${t.id}><td><strong>${t.name}</strong><div class="muted mono">${t.id
      }</div></td><td>${t.userId}</td><td><span class="badge ${t.state}">${t.state}</span>${t.revokedBy
        ? html`<div class="muted">by ${t.revokedBy}</div>` : nothing}</td>
      <td>${when(t.createdAt)}<div class="muted">by ${t.createdBy}</div></td>
      <td>${new Date(t.expiresAt).toLocaleDateString()}</td>
      <td>${t.state === 'ACTIVE' ? html`<button class="danger" data-action="revoke-token" @click=${() => confirmDialog({
        title: 'Revoke the token “' + t.name + '”?', text: 'Whatever uses it stops working within moments; this'
          + ' cannot be undone (make a new token instead).', confirmLabel: 'Revoke', danger: true,
        run: async () => { await api('DELETE', '/api/access/tokens/' + enc(t.id)); await route(); },
        success: 'Token revoked.' })}>Revoke</button>` : nothing}</td></tr>`)}</table>`
      : html`<div class="empty">You have no API tokens yet.</div>`}`);
}

// --- My settings: deputy, mail preferences, webhooks (issue 19) ----------------------------------------------

const MAIL_KINDS = [['APPROVAL_REQUESTS', 'Approval requests', 'when you are asked to approve'],
  ['REMINDERS', 'Reminders', 'about requests still waiting for you'],
  ['ESCALATIONS', 'Escalations', 'when a request is escalated to your group'],
  ['DIGEST', 'Daily digest', 'a list of what waits for you, once a day'],
  ['DECISIONS', 'Decisions', 'approved, rejected, cancelled, expired or reopened requests you made'],
  ['DEPLOYMENTS', 'Deployments', 'the deployment outcomes you follow']];

/** A GET that answers null for 404 (nothing there), for what may not exist yet: a deputy naming. */
const maybe = path => api('GET', path).catch(e => { if (e.status === 404) return null; throw e; });
/** A datetime-local input's value as an ISO instant, and back (the reader's own time zone). */
const instantOf = local => local ? new Date(local).toISOString() : null;
const localOf = at => { const d = new Date(at); d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16); };

async function settingsScreen() {
  const [deputy, preferences, pipelines, webhooks] = await Promise.all([maybe('/api/access/users/me/deputy'),
    api('GET', '/api/notifications/preferences/me'), api('GET', '/api/pipelines'),
    api('GET', '/api/notifications/webhooks')]);
  show(html`<h1>My settings</h1>
    <section class="card" id="deputy-settings"><h2>Deputy while you are away</h2>
      <p class="muted">Requests that would ask you during the period ask your deputy instead. They vote with their
        own rights only, and the request's history says “deputy of ${session.me.userId}”.</p>
      ${deputy ? html`<p id="current-deputy"><strong>${deputy.deputy}</strong> from ${when(deputy.from)} until
        ${when(deputy.until)}. <button class="secondary" data-action="remove-deputy" @click=${() => confirmDialog({
          title: 'Remove ' + deputy.deputy + ' as your deputy?', text: 'Requests opened from now on ask you again;'
            + ' requests already sent to your deputy stay with them.', confirmLabel: 'Remove', danger: true,
          run: async () => { await api('DELETE', '/api/access/users/me/deputy'); await route(); },
          success: 'Deputy removed.' })}>Remove</button></p>` : html`<p id="current-deputy" class="muted">You have
          named no deputy.</p>`}
      <form class="row" @submit=${e => act(e, async () => {
        await api('PUT', '/api/access/users/me/deputy', { deputy: $('deputy-id').value.trim(),
          from: instantOf($('deputy-from').value), until: instantOf($('deputy-until').value) });
        await route();
        return 'Deputy named.';
      })}><label class="inline grow" for="deputy-id">Deputy <input id="deputy-id" class="grow" required
          maxlength="100" placeholder="user id or e-mail address"></label>
        <label class="inline" for="deputy-from">From <input id="deputy-from" type="datetime-local" required
          .value=${localOf(Date.now())}></label>
        <label class="inline" for="deputy-until">Until <input id="deputy-until" type="datetime-local" required>
          </label><button type="submit" data-action="name-deputy">${deputy ? 'Replace' : 'Name'} deputy</button>
      </form></section>
    <section class="card" id="mail-settings"><h2>Mail</h2>
      <form @submit=${e => act(e, async () => {
        const choices = Object.fromEntries(MAIL_KINDS.map(([kind]) => [kind, $('mail-' + kind).value]));
        await api('PUT', '/api/notifications/preferences/me', { choices });
        await route();
        return 'Mail preferences saved.';
      })}><table><tr><th>Mail</th><th>When</th><th>Send</th></tr>${MAIL_KINDS.map(([kind, name, text]) => {
        const required = preferences.required.includes(kind);
        const choice = preferences.choices[kind] || 'MAIL';
        // each option says whether it is the chosen one: a .value on the select is set before lit inserts the
        // options that depend on the chat, and would then fall back to the first (a saved CHAT or NONE shown as mail)
        return html`<tr data-kind=${kind}><td>${name}</td><td class="muted">${text}${required
          ? ' (always: you cannot mute it while you are asked)' : ''}</td><td><select id="mail-${kind}"
          aria-label="How ${name} reach you" ?disabled=${required && !preferences.chat}>
          <option value="MAIL" ?selected=${choice === 'MAIL'}>By mail</option>
          ${preferences.chat ? html`<option value="CHAT" ?selected=${choice === 'CHAT'}>In my chat</option>` : nothing}
          ${required ? nothing : html`<option value="NONE" ?selected=${choice === 'NONE'}>Not at all</option>`}
          </select></td></tr>`;
      })}</table><p><button type="submit" data-action="save-mail">Save mail preferences</button></p></form>
    </section>
    ${chatSettings(preferences.chat)}
    ${webhookSettings(pipelines, webhooks)}`);
}

/** Whether a webhook is a person's own chat channel (notification-service names it chat:<user>). */
const isMyChat = webhook => webhook.id.startsWith('chat:');

/** The reader's own chat channel: where the kinds they choose "In my chat" go (its URL is never shown again). */
function chatSettings(chat) {
  return html`<section class="card" id="chat-settings"><h2>My chat</h2>
    <p class="muted">A Slack or Teams incoming webhook of yours (a direct message or your own channel). Mail of the
      kinds you choose “In my chat” goes there instead; while it is missing or paused, it is mailed.</p>
    ${chat ? html`<p id="current-chat"><strong>${chat.format === 'TEAMS' ? 'Teams' : 'Slack'}</strong> at
      ${chat.host}, <span class="badge ${chat.status}">${chat.status}</span>${chat.pauseReason
        ? ' (' + chat.pauseReason + ')' : ''}
      <button class="secondary" data-action="disconnect-chat" @click=${() => confirmDialog({
        title: 'Disconnect your chat?', text: 'Mail of the kinds you chose in your chat is mailed again.',
        confirmLabel: 'Disconnect', danger: true,
        run: async () => { await api('DELETE', '/api/notifications/preferences/me/chat'); await route(); },
        success: 'Chat disconnected.' })}>Disconnect</button></p>` : html`<p id="current-chat" class="muted">No
      chat connected.</p>`}
    <form class="row" @submit=${e => act(e, async () => {
      await api('PUT', '/api/notifications/preferences/me/chat', { url: $('chat-url').value.trim(),
        format: $('chat-format').value });
      await route();
      $('chat-url').value = ''; // the URL is the chat's credential: not left on screen
      return 'Chat connected.';
    })}><label class="inline grow" for="chat-url">Incoming webhook URL <input id="chat-url" class="grow"
        type="url" required maxlength="2000" placeholder="https://hooks.slack.com/services/..."></label>
      <label class="inline" for="chat-format">Kind <select id="chat-format"><option value="SLACK">Slack</option>
        <option value="TEAMS">Teams</option></select></label>
      <button type="submit" data-action="connect-chat">${chat ? 'Replace' : 'Connect'}</button></form></section>`;
}

/** Subscriptions need a pipeline the reader may see; the secret is shown once, right after the subscription. */
function webhookSettings(pipelines, webhooks) {
  if (pipelines.length === 0 && webhooks.length === 0) return nothing;
  const names = Object.fromEntries(pipelines.map(p => [p.id, p.application + ' · ' + p.environment]));
  return html`<section class="card" id="webhook-settings"><h2>Webhooks</h2>
    <p class="muted">Shipgate POSTs a pipeline's events to your URL, signed as Standard Webhooks says, or as a Slack or
      Teams message. Failed deliveries are retried; a subscription failing again and again is paused.</p>
    ${pipelines.length ? html`<form class="row" @submit=${e => act(e, async () => {
      const types = $('webhook-types').value.split(',').map(t => t.trim()).filter(Boolean);
      const made = await api('POST', '/api/notifications/webhooks', { pipelineId: $('webhook-pipeline').value,
        url: $('webhook-url').value.trim(), format: $('webhook-format').value, eventTypes: types });
      await route();
      render(made.secret ? html`<p><strong>Copy this signing secret now: it is not shown again.</strong></p>
        <code id="new-webhook-secret">${made.secret}</code>` : nothing, $('new-webhook'));
      return 'Subscribed.';
    })}><label class="inline" for="webhook-pipeline">Pipeline <select id="webhook-pipeline">${pipelines.map(p =>
        html`<option value=${p.id}>${p.application} · ${p.environment}</option>`)}</select></label>
      <label class="inline grow" for="webhook-url">URL <input id="webhook-url" class="grow" type="url" required
        maxlength="2000" placeholder="https://ci.example.com/shipgate"></label>
      <label class="inline" for="webhook-format">Format <select id="webhook-format"><option>CLOUDEVENTS</option>
        <option>SLACK</option><option>TEAMS</option></select></label>
      <label class="inline" for="webhook-types">Events <input id="webhook-types" placeholder="all, or e.g.
        ApprovalRequested, ImageApproved"></label>
      <button type="submit" data-action="subscribe-webhook">Subscribe</button></form><div id="new-webhook"></div>`
      : nothing}
    ${webhooks.length ? html`<table><tr><th>Pipeline</th><th>URL</th><th>Events</th><th>State</th><th></th></tr>
      ${webhooks.map(w => html`<tr data-webhook=${w.id}><td>${isMyChat(w) ? 'My chat'
        : w.pipelineId ? names[w.pipelineId] || w.pipelineId : scopeText(w.scope)}</td>
        <td class="mono">${w.url}<div class="muted">${w.format}</div></td>
        <td>${isMyChat(w) ? 'the mail you chose “In my chat”'
          : w.eventTypes.length ? w.eventTypes.join(', ') : 'all'}</td>
        <td><span class="badge ${w.status}">${w.status}</span>${w.pauseReason ? html`<div class="muted">${w.pauseReason
          }</div>` : nothing}</td>
        <td><button class="secondary" data-action="webhook-log" @click=${e => act(e, () => showDeliveries(w))}>Delivery
          log</button>${w.status === 'PAUSED' ? html` <button class="secondary" data-action="resume-webhook"
          @click=${e => act(e, async () => { await api('POST', '/api/notifications/webhooks/' + enc(w.id) + '/resume');
            await route(); return 'Resumed.'; })}>Resume</button>` : nothing}
          <button class="danger" data-action="delete-webhook" @click=${() => confirmDialog({
            title: 'Stop sending to ' + w.url + '?', text: 'Nothing more is sent there; its delivery log goes too.',
            confirmLabel: 'Delete', danger: true, success: 'Subscription deleted.',
            run: async () => { await api('DELETE', '/api/notifications/webhooks/' + enc(w.id)); await route(); } })}
          >Delete</button></td></tr>`)}</table><div id="webhook-deliveries"></div>`
      : html`<div class="empty">You have no webhook subscriptions.</div>`}</section>`;
}

async function showDeliveries(webhook) {
  const page = await listPage('/api/notifications/webhooks/' + enc(webhook.id) + '/deliveries?size=20');
  render(html`<h3>Deliveries to ${webhook.url}</h3>${page.items.length === 0 ? html`<div class="empty">Nothing has
    been sent yet.</div>` : html`<table><tr><th>Event</th><th>State</th><th>Attempts</th><th>Last answer</th>
    <th>Made</th><th></th></tr>${page.items.map(d => html`<tr data-delivery=${d.id}><td>${d.eventType}${d.replayOf
      ? html`<div class="muted">replay</div>` : nothing}</td><td><span class="badge ${d.status}">${d.status}</span>
      </td><td>${d.attempts}</td><td>${d.lastStatus || ''} ${d.lastError || ''}</td><td>${when(d.createdAt)}</td>
      <td><button class="secondary" data-action="replay-delivery" @click=${e => act(e, async () => {
        await api('POST', '/api/notifications/webhooks/' + enc(webhook.id) + '/deliveries/' + enc(d.id)
          + '/replay');
        await showDeliveries(webhook);
        return 'Sent again.';
      })}>Replay</button></td></tr>`)}</table>`}`, $('webhook-deliveries'));
}

// --- Audit: who did what, and what was refused (GET /api/audit) ---------------------------------------------------

/** The audit's filters, as its API names them; they live in the hash, so a filter is a link and Back undoes it. */
const AUDIT_FILTERS = ['user', 'pipelineId', 'requestId', 'from', 'to'];
const auditPath = (filters, extra) => '/api/audit?' + new URLSearchParams(Object.entries({ ...filters, ...extra })
  .filter(([, value]) => value)).toString();
const mayReadAudit = () => session.me && !session.me.limited && (session.me.superAdmin || session.me.roles.length > 0);

/**
 * The audit, newest first, 25 a page (or the hash's size): "Older" follows the server's cursor (Link rel=next) and
 * redraws the list alone, moving focus to its first line; "Newest" goes back to the first page. The server decides
 * what the reader sees (a super admin everything, others the pipelines they may view), so the screen shows what it
 * answers.
 */
async function auditScreen(params) {
  const filters = Object.fromEntries(AUDIT_FILTERS.map(k => [k, params.get(k) || '']));
  const size = Math.min(500, Number(params.get('size')) || 25);
  const [pipelines, page] = await Promise.all([api('GET', '/api/pipelines'), listPage(auditPath(filters, { size }))]);
  const names = Object.fromEntries(pipelines.map(p => [p.id, p.application + ' · ' + p.environment]));
  if (filters.pipelineId && !names[filters.pipelineId]) pipelines.push({ id: filters.pipelineId }); // a deleted one
  const label = p => names[p.id] || p.id;
  const pager = { pages: [page], shown: 0 };
  const apply = e => act(e, async () => {
    const chosen = { user: $('audit-user').value.trim(), pipelineId: $('audit-pipeline').value,
      requestId: $('audit-request').value.trim(), from: instantOf($('audit-from').value) || '',
      to: instantOf($('audit-to').value) || '' };
    location.hash = auditPath(chosen).replace('/api/audit?', '#/audit?');
  });
  show(html`<h1>Audit</h1>
    <p class="muted" id="audit-scope">${session.me.superAdmin ? 'You see every action and refusal.'
      : 'You see the actions and refusals on the pipelines you may view.'} Newest first.</p>
    <form class="card row" id="audit-filters" @submit=${apply}>
      <label class="inline" for="audit-user">User <input id="audit-user" class="field" maxlength="200"
        placeholder="user id" .value=${filters.user}></label>
      <label class="inline" for="audit-pipeline">Pipeline <select id="audit-pipeline" .value=${filters.pipelineId}>
        <option value="">All pipelines</option>${pipelines.map(p => html`<option value=${p.id}
        ?selected=${p.id === filters.pipelineId}>${label(p)}</option>`)}</select></label>
      <label class="inline" for="audit-request">Request <input id="audit-request" class="field" maxlength="100"
        placeholder="request id" .value=${filters.requestId}></label>
      <label class="inline" for="audit-from">From <input id="audit-from" type="datetime-local"
        .value=${filters.from ? localOf(filters.from) : ''}></label>
      <label class="inline" for="audit-to">Until <input id="audit-to" type="datetime-local"
        .value=${filters.to ? localOf(filters.to) : ''}></label>
      <button type="submit" data-action="filter-audit">Filter</button>
      ${AUDIT_FILTERS.some(k => filters[k]) ? html`<a href="#/audit" data-action="clear-audit">Clear filters</a>`
        : nothing}
      <button type="button" class="secondary" data-action="download-audit" @click=${e => act(e,
        () => downloadAudit(filters))}>Download CSV</button>
    </form>
    <div id="audit-list"></div>`);
  drawAuditPage(pager, names, false);
}

/** One page of the audit into its box; moved: the reader paged, so focus goes to the page's first line. */
function drawAuditPage(pager, names, moved) {
  const page = pager.pages[pager.shown];
  const first = pager.pages.slice(0, pager.shown).reduce((n, p) => n + p.items.length, 0);
  const go = async shown => {
    setPager(false, false); // nothing twice while a page is read
    try {
      if (shown === pager.pages.length) pager.pages.push(await listPage(page.next));
      pager.shown = shown;
    } catch (e) {
      if (e.name !== 'AbortError' && e.status !== 401) flash(plainWords(e));
    }
    drawAuditPage(pager, names, pager.shown === shown);
  };
  redraw('audit-list', page.items.length === 0 ? html`<div class="empty" id="audit-none">Nothing in the audit matches
    these filters.</div>` : html`<p class="muted count" id="audit-total" data-first=${first + 1}>${first + 1}–${
    first + page.items.length} of ${page.total ?? '?'} record${page.total === 1 ? '' : 's'}</p>
    <table><tr><th>When</th><th>Who</th><th>What</th><th>On</th><th>Detail</th><th>Through</th></tr>
    ${page.items.map((r, i) => auditRow(r, names, i === 0))}</table>
    <div class="row end"><button class="secondary" id="audit-newer" data-action="newer-audit"
      @click=${() => go(0)}>Newest</button><button class="secondary" id="audit-older" data-action="older-audit"
      @click=${() => go(pager.shown + 1)}>Older</button></div>`);
  setPager(pager.shown > 0, !!page.next);
  if (moved) $('audit-list').querySelector('tr[tabindex]')?.focus();
}

/** The pager's buttons, set here rather than in the template: a click changes them between two drawings. */
function setPager(newer, older) {
  if ($('audit-newer')) $('audit-newer').disabled = !newer;
  if ($('audit-older')) $('audit-older').disabled = !older;
}

const BREAK_GLASS = /^BREAK_GLASS/;

function auditRow(r, names, first) {
  const kind = r.outcome === 'REFUSED' ? 'refused' : BREAK_GLASS.test(r.action) ? 'break-glass' : 'done';
  return html`<tr class="audit ${kind}" data-key=${r.key} data-outcome=${r.outcome} data-what=${r.action}
    tabindex=${first ? '-1' : nothing}>
    <td>${when(r.at)}</td><td>${r.actor}</td>
    <td><strong>${r.action}</strong>${kind === 'refused' ? html` <span class="badge refused">refused</span>
      <div class="muted">${r.reason}</div>` : nothing}${kind === 'break-glass'
      ? html` <span class="badge break-glass">break-glass</span>` : nothing}</td>
    <td>${r.pipelineId ? names[r.pipelineId] || r.pipelineId : ''}${r.imageTag ? html`<div>${r.imageTag}</div>`
      : nothing}${r.requestId ? html`<div class="muted mono">request ${r.requestId}</div>` : nothing}${r.deploymentId
      ? html`<div class="muted mono">deployment ${r.deploymentId}</div>` : nothing}</td>
    <td>${r.detail || ''}</td>
    <td>${r.via ? html`${r.via.kind.toLowerCase().replace(/_/g, ' ')}${r.via.name ? html`<div class="muted">${
      r.via.name}</div>` : nothing}` : ''}</td></tr>`;
}

/**
 * The CSV of the current filters, every page of it (500 lines a call, following the cursor), saved as a file. A plain
 * link cannot carry the bearer token, so the UI reads it and hands the browser the text.
 */
async function downloadAudit(filters) {
  let path = auditPath(filters, { size: 500, format: 'csv' });
  let csv = '';
  let records = null;
  while (path) {
    const { text, headers } = await call('GET', path);
    csv += records === null ? text : text.slice(text.indexOf('\n') + 1); // one header line, at the top
    if (records === null) records = Number(headers.get('X-Total-Count'));
    path = nextPath(headers);
  }
  const save = document.createElement('a');
  save.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  save.download = 'shipgate-audit.csv';
  save.click();
  setTimeout(() => URL.revokeObjectURL(save.href), 60000);
  return 'Downloaded ' + records + ' record' + (records === 1 ? '' : 's') + ' as shipgate-audit.csv.';
}

// --- routing ------------------------------------------------------------------------------------------------

/** Draws the screen of the current hash; {refresh: true} when it is the same screen drawn again with news. */
async function route({ refresh } = {}) {
  clearTimeout(refreshTimer);
  navigation.abort();
  navigation = new AbortController();
  live.wanted = null;
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (!session.token && parts[0] !== 'login') {
    signOut();
    return;
  }
  try {
    if (session.token && (!session.me || (session.me.limited && !refresh))) session.me = await readMe();
    if (session.token) watchPendingCount();
    drawHeader();
    await screen(parts, params);
  } catch (e) {
    if (e.name === 'AbortError') return; // a newer drawing took over, and settles the streams itself
    if (e.status !== 401) {
      show(html`<div class="card"><h1>Something went wrong</h1><p>${plainWords(e)}</p>
        <p><a href="#/">Back to the applications</a></p></div>`);
    }
  }
  settleScreenStream();
}

function screen(parts, params) {
  if (parts[0] === 'login') return loginScreen(params);
  if (parts[0] === 'pipelines') return pipelineScreen(parts[1], parts[2] || 'images', parts[3]);
  if (parts[0] === 'pending') return myPendingScreen();
  if (parts[0] === 'approve') return approveLinkScreen(parts[1], params);
  if (parts[0] === 'admin') return adminScreen();
  if (parts[0] === 'tokens') return tokensScreen();
  if (parts[0] === 'settings') return settingsScreen();
  if (parts[0] === 'audit') return auditScreen(params);
  return applicationsScreen();
}

window.addEventListener('hashchange', () => {
  closeDialog();
  navigated();
  route();
});
finishProviderSignIn().catch(e => flash(e.message)).finally(route);
