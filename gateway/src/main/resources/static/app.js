'use strict';
// Shipgate web UI: plain JavaScript, no build step. Every value from the server or a user goes through esc()
// (or the html`` tag), and the page's CSP forbids inline scripts, so typed text can never run as code.

const state = { token: sessionStorage.getItem('shipgate.token'), me: null };
const main = () => document.getElementById('main');

function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;',
    "'": '&#39;' }[c]));
}

/** Markup made by html``: already safe, so it is not escaped again when nested. */
class SafeHtml {
  constructor(text) { this.text = text; }
  toString() { return this.text; }
}

/** Template tag: interpolated values are escaped unless they are SafeHtml or wrapped with raw(). */
function html(strings, ...values) {
  return new SafeHtml(strings.reduce((out, s, i) => out + s + (i < values.length ? show(values[i]) : ''), ''));
}
function show(value) {
  if (value instanceof SafeHtml) return value.text;
  if (value && value.__raw !== undefined) return String(value.__raw);
  if (Array.isArray(value)) return value.map(show).join('');
  return esc(value);
}
const raw = text => ({ __raw: text });

// --- talking to the API -------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || ('HTTP ' + status));
    this.status = status;
    this.reason = problem.reason;
    this.retryAt = problem.retryAt;
  }
}

/** The answer came after the user moved to another screen: dropped, so it cannot overwrite the newer screen. */
class StaleAnswer extends Error {}

async function api(method, path, body) {
  const screen = state.screen;
  const headers = { 'Accept': 'application/json' };
  if (state.token) headers['Authorization'] = 'Bearer ' + state.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401 && !path.startsWith('/api/auth/')) {
    signOut('Your session has ended: sign in again.');
    throw new ApiError(401, { detail: 'not signed in' });
  }
  const text = await response.text();
  if (screen !== state.screen) throw new StaleAnswer();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data || {});
  return data;
}

function flash(message, ok) {
  const box = document.getElementById('flash');
  box.textContent = message;
  box.className = ok ? 'flash ok' : 'flash';
  box.hidden = !message;
}

async function attempt(action, success) {
  try {
    await action();
    if (success) flash(success, true);
  } catch (e) {
    if (e.status === 401 || e instanceof StaleAnswer) return;
    flash(e.reason ? e.message + ' (' + e.reason + ')' : e.message);
  }
}

// --- who is signed in, and what they may do -----------------------------------------------------------------

/**
 * The same reading of roles as the server's Permissions: a grant acts on a scope it contains (each field * or equal;
 * a * in the wanted scope is reached only by a * in the grant). Only to hide buttons, the server decides. Which role
 * gives which is the contracts' Role, read from rules.js (generated, never edited).
 */
function can(role, scope) {
  if (!state.me) return false;
  return state.me.roles.some(grant => {
    if (grant.role === 'SUPER_ADMIN') return true;
    const includes = (SHIPGATE_RULES.roleIncludes[grant.role] || []).includes(role);
    const contains = ['project', 'application', 'environment'].every(k => grant[k] === '*' || grant[k] === scope[k]);
    return includes && contains;
  });
}

function isManagerSomewhere() {
  return state.me && state.me.roles.some(g => (SHIPGATE_RULES.roleIncludes[g.role] || []).includes('MANAGER'));
}

function signOut(message) {
  state.token = null;
  state.me = null;
  sessionStorage.removeItem('shipgate.token');
  location.hash = '#/login?next=' + encodeURIComponent(location.hash.startsWith('#/login') ? '#/' : location.hash);
  if (message) flash(message);
}

function renderHeader() {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!state.me) {
    nav.innerHTML = '';
    who.innerHTML = '';
    return;
  }
  nav.innerHTML = html`<a href="#/">Applications</a><a href="#/pending">Approval pending</a>${
    isManagerSomewhere() ? raw('<a href="#/admin">Access</a>') : ''}<a href="#/tokens">API tokens</a>`;
  who.innerHTML = html`Signed in as <strong>${state.me.displayName}</strong>
    <button class="secondary" data-action="sign-out">Sign out</button>`;
}

// --- screens ------------------------------------------------------------------------------------------------

async function loginScreen(params) {
  const options = await api('GET', '/api/auth/config');
  const next = params.get('next') || '#/';
  if (!options.passwordSignIn) {
    main().innerHTML = html`<div class="card login">
      <h1>Sign in to Shipgate</h1>
      <p class="muted">Shipgate signs you in through your organisation's identity provider.</p>
      <p><button id="sso-sign-in" data-action="sso-sign-in">Sign in with ${options.oidc.providerName}</button></p></div>`;
    state.oidc = options.oidc;
    state.next = next;
    return;
  }
  main().innerHTML = html`<div class="card login">
    <h1>Sign in to Shipgate</h1>
    <form id="login-form">
      <label for="username">User name</label><input id="username" name="username" autocomplete="username" required>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <p id="sign-in-problem" class="flash" role="alert" hidden></p>
      <p><button type="submit" id="sign-in">Sign in</button></p>
    </form></div>`;
  document.getElementById('login-form').addEventListener('submit', async event => {
    event.preventDefault();
    const problem = document.getElementById('sign-in-problem');
    problem.hidden = true;
    try {
      const form = new FormData(event.target);
      const token = await api('POST', '/api/auth/token', { username: form.get('username'),
        password: form.get('password') });
      await signedIn(token.accessToken, next);
    } catch (e) {
      if (e instanceof StaleAnswer) return;
      problem.textContent = signInProblem(e);
      problem.hidden = false;
      if (e.retryAt) holdSignIn(new Date(e.retryAt));
    }
  });
}

/** Words for a refused sign-in; a lock says when to try again, in the reader's own time. */
function signInProblem(e) {
  if (e.reason === 'SIGN_IN_TEMPORARILY_LOCKED' && e.retryAt) {
    return 'Too many failed sign-ins for this user. Try again at ' + new Date(e.retryAt).toLocaleTimeString()
      + ' (' + e.reason + ').';
  }
  if (e.reason === 'BAD_CREDENTIALS') return 'The user name or the password is wrong.';
  return e.reason ? e.message + ' (' + e.reason + ')' : e.message;
}

/** Keeps the button off until the lock ends, so a waiting user does not spend attempts. */
function holdSignIn(until) {
  const button = document.getElementById('sign-in');
  button.disabled = true;
  setTimeout(() => { button.disabled = false; }, Math.max(0, until.getTime() - Date.now()));
}

async function signedIn(token, next) {
  state.token = token;
  sessionStorage.setItem('shipgate.token', token);
  state.me = await api('GET', '/api/access/me');
  flash('');
  location.hash = next;
}

// --- sign-in through an OIDC provider: authorization code with PKCE ---------------------------------------------

const base64url = bytes => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_')
  .replace(/=+$/, '');
const randomText = size => base64url(crypto.getRandomValues(new Uint8Array(size)));
const redirectUri = () => location.origin + '/';

async function startProviderSignIn() {
  const verifier = randomText(32);
  const expected = randomText(16);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  sessionStorage.setItem('shipgate.oidc', JSON.stringify({ verifier, state: expected, next: state.next }));
  const url = new URL(state.oidc.authorizationEndpoint);
  url.search = new URLSearchParams({ response_type: 'code', client_id: state.oidc.clientId, scope: state.oidc.scope,
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
  state.token = token.accessToken;
  sessionStorage.setItem('shipgate.token', token.accessToken);
}

async function applicationsScreen() {
  const pipelines = await api('GET', '/api/pipelines');
  const byApp = {};
  pipelines.forEach(p => (byApp[p.application] = byApp[p.application] || []).push(p));
  const apps = Object.keys(byApp).sort();
  main().innerHTML = html`<h1>Applications</h1>
    <p class="muted">Each CD pipeline deploys one application into one environment.</p>
    ${apps.length === 0 ? raw('<div class="empty">You cannot see any application yet: ask a manager for access.</div>')
      : apps.map(app => html`<div class="card"><h2>${app}</h2><table>
        <tr><th>Environment</th><th>Approval</th><th>Trigger</th><th>Target</th><th></th></tr>
        ${byApp[app].map(p => html`<tr>
          <td>${p.environment}</td>
          <td>${p.approval.requiredApprovals === 0 ? 'none' : p.approval.requiredApprovals + ' approval(s)'}${
            p.approval.approverRules.map(r => html`, ${r.approvals} from ${r.group}`)}</td>
          <td>${p.trigger}</td><td>${p.target}</td>
          <td><a class="button" href="#/pipelines/${encodeURIComponent(p.id)}" data-pipeline="${p.id}">Build &amp; Deploy</a></td>
        </tr>`)}</table></div>`)}`;
}

const TABS = [['images', 'Images'], ['pending', 'Approval pending'], ['select', 'Select Image'],
  ['details', 'App Details'], ['history', 'Deployment history']];

async function pipelineScreen(id, tab, extra) {
  const pipeline = await api('GET', '/api/pipelines/' + encodeURIComponent(id));
  const scope = { project: pipeline.project, application: pipeline.application, environment: pipeline.environment };
  main().innerHTML = html`<div class="row"><div class="grow"><h1>${pipeline.application} → ${pipeline.environment}</h1>
    <p class="muted">${pipeline.approval.requiredApprovals === 0 ? 'No approval needed'
      : pipeline.approval.requiredApprovals + ' approval(s) needed before each deployment'} · trigger
      ${pipeline.trigger} · target ${pipeline.target}</p></div></div>
    <nav class="tabs">${TABS.map(([key, label]) => html`<a href="#/pipelines/${encodeURIComponent(id)}/${key}"
      class="${key === tab ? 'active' : ''}" data-tab="${key}">${label}</a>`)}</nav>
    <section id="tab"></section>`;
  const views = { images: imagesTab, pending: pendingTab, select: selectTab, details: detailsTab, history: historyTab };
  await views[tab](pipeline, scope, extra);
}

function requestSummary(request) {
  if (!request) return html`<span class="muted">no approval requested</span>`;
  return html`<span class="badge ${request.status}">${request.status}</span>
    <span class="approval-count">${request.approvals} of ${request.requiredApprovals} approvals</span>${
    request.votes.length ? html` <span class="muted">by ${request.votes.map(v => v.counts === false
      ? v.userId + ' (not counted: ' + v.reason + ')' : v.userId).join(', ')}</span>` : ''}${
    (request.rules || []).map(r => html` <span class="muted">· ${r.group} ${r.have}/${r.need}${
      r.have < r.need && r.couldComplete.length ? ' (could complete: ' + r.couldComplete.join(', ') + ')' : ''}</span>`)}`;
}

async function imagesTab(pipeline, scope) {
  const images = await api('GET', '/api/pipelines/' + encodeURIComponent(pipeline.id) + '/images?size=50');
  const mayRequest = pipeline.approval.requiredApprovals > 0 && can('BUILD_AND_DEPLOY', scope);
  document.getElementById('tab').innerHTML = images.length === 0
    ? '<div class="empty">No image has been built for this application yet.</div>'
    : html`<table><tr><th>Image</th><th>Built by</th><th>Approval</th><th></th></tr>${images.map(image => html`<tr
        data-digest="${image.digest}">
      <td><strong>${image.tag}</strong> ${image.activeOn ? html`<span class="badge active">Active on ${image.activeOn}</span>` : ''}
        <div class="mono muted">${image.digest}</div></td>
      <td>${image.builtBy}</td>
      <td>${requestSummary(image.latestRequest)}</td>
      <td>${mayRequest && (!image.latestRequest || !['PENDING', 'APPROVED'].includes(image.latestRequest.status))
        ? html`<button data-action="request-approval" data-digest="${image.digest}" data-tag="${image.tag}">Request Approval</button>` : ''}</td>
    </tr>`)}</table><div id="request-form"></div>`;
}

async function showRequestForm(pipelineId, digest, tag) {
  const approvers = await api('GET', '/api/pipelines/' + encodeURIComponent(pipelineId) + '/approvers?imageDigest='
    + encodeURIComponent(digest));
  document.getElementById('request-form').innerHTML = html`<div class="card"><h2>Request approval for ${tag}</h2>
    <p class="muted">Choose who should be asked (everyone eligible is emailed when you choose nobody).</p>
    <div class="checks">${approvers.length === 0 ? raw('<span class="muted">Nobody else may approve this image.</span>')
      : approvers.map(a => html`<label><input type="checkbox" name="approver" value="${a}">${a}</label>`)}</div>
    <label for="request-comment">Comment</label><textarea id="request-comment" maxlength="2000"></textarea>
    <p><button data-action="submit-request" data-pipeline="${pipelineId}" data-digest="${digest}">Submit Request</button></p></div>`;
}

async function pendingTab(pipeline) {
  const requests = await api('GET', '/api/approval-requests?pipelineId=' + encodeURIComponent(pipeline.id)
    + '&status=PENDING&status=APPROVED&size=50');
  document.getElementById('tab').innerHTML = requests.length === 0
    ? '<div class="empty">Nothing is waiting for approval on this pipeline.</div>'
    : html`<table><tr><th>Image</th><th>Requested by</th><th>State</th><th>Actions</th></tr>${requests.map(r => html`<tr
        data-request="${r.id}">
      <td><strong>${r.imageTag}</strong><div class="mono muted">${r.imageDigest}</div>${
        r.comment ? html`<div class="muted">“${r.comment}”</div>` : ''}</td>
      <td>${r.requestedBy}</td><td>${requestSummary(r)}</td>
      <td class="row">${actionButtons(r)}</td></tr>`)}</table>`;
}

function actionButtons(request) {
  const labels = { approve: 'Approve', reject: 'Reject', withdraw: 'Withdraw my approval', cancel: 'Cancel request',
    expire: 'Expire approval' };
  return request.allowedActions.map(action => html`<button class="${action === 'approve' ? '' : 'secondary'}"
    data-action="vote" data-verb="${action}" data-request="${request.id}">${labels[action]}</button>`);
}

async function selectTab(pipeline, scope) {
  const [images, active] = await Promise.all([
    api('GET', '/api/pipelines/' + encodeURIComponent(pipeline.id) + '/deployable-images'),
    api('GET', '/api/pipelines/' + encodeURIComponent(pipeline.id) + '/active').catch(() => null)]);
  const mayDeploy = can('BUILD_AND_DEPLOY', scope);
  document.getElementById('tab').innerHTML = html`${active ? html`<p>Active on ${pipeline.environment}:
      <strong>${active.image.tag}</strong> <span class="badge active">Active on ${pipeline.environment}</span></p>` : ''}
    <h2>${pipeline.approval.requiredApprovals > 0 ? 'Approved images' : 'Images'}</h2>
    ${images.length === 0 ? raw(html`<div class="empty" id="nothing-deployable">No approved image is available${
        active ? ' besides the one already deployed' : ''}. Request an approval in the Images tab, and deploy once
        it has all of its approvals.</div>`)
      : html`<table><tr><th>Image</th><th>Approved by</th><th></th></tr>${images.map(image => html`<tr data-digest="${image.digest}">
        <td><strong>${image.tag}</strong><div class="mono muted">${image.digest}</div></td>
        <td>${image.latestRequest ? image.latestRequest.votes.map(v => v.userId).join(', ') : '—'}</td>
        <td>${mayDeploy ? html`<button data-action="deploy" data-pipeline="${pipeline.id}" data-digest="${image.digest}">Deploy</button>` : ''}</td>
      </tr>`)}</table>`}`;
}

async function detailsTab(pipeline, scope, deploymentId) {
  const history = await api('GET', '/api/pipelines/' + encodeURIComponent(pipeline.id) + '/deployments?size=1');
  const id = deploymentId || (history[0] && history[0].id);
  const tab = document.getElementById('tab');
  if (!id) {
    tab.innerHTML = '<div class="empty">Nothing has been deployed on this pipeline yet.</div>';
    return;
  }
  const d = await api('GET', '/api/deployments/' + encodeURIComponent(id));
  tab.innerHTML = html`<div class="card" id="deployment" data-status="${d.status}">
    <div class="row"><h2 class="grow">${d.image.tag} on ${d.image.environment}</h2>
    <span class="badge ${d.status}" id="deployment-status">${d.status}</span></div>
    <p class="muted">Deployment <code>${d.id}</code> requested by ${d.requestedBy}${
      d.rollbackOf ? html` · rollback of <code>${d.rollbackOf}</code>` : ''}</p>
    <ul class="timeline">${d.timeline.map(step => html`<li><span class="badge ${step.status}">${step.status}</span>
      <span class="muted">${new Date(step.at).toLocaleString()}</span> ${step.detail}</li>`)}</ul></div>`;
  if (SHIPGATE_RULES.deploymentStatuses.pending.includes(d.status)) {
    state.refresh = setTimeout(() => route(), 1500); // follow it until it settles
  }
}

async function historyTab(pipeline, scope) {
  const deployments = await api('GET', '/api/pipelines/' + encodeURIComponent(pipeline.id) + '/deployments?size=50');
  const mayDeploy = can('BUILD_AND_DEPLOY', scope);
  document.getElementById('tab').innerHTML = deployments.length === 0
    ? '<div class="empty">No deployment yet.</div>'
    : html`<table><tr><th>When</th><th>Image</th><th>By</th><th>Status</th><th></th></tr>${deployments.map(d => html`<tr>
      <td>${new Date(d.requestedAt).toLocaleString()}</td><td><strong>${d.image.tag}</strong></td><td>${d.requestedBy}</td>
      <td><a href="#/pipelines/${encodeURIComponent(pipeline.id)}/details/${encodeURIComponent(d.id)}"><span
        class="badge ${d.status}">${d.status}</span></a></td>
      <td>${mayDeploy && SHIPGATE_RULES.deploymentStatuses.endedWell.includes(d.status) ? html`<button class="secondary"
        data-action="rollback" data-pipeline="${pipeline.id}" data-deployment="${d.id}">Roll back to this</button>` : ''}</td>
    </tr>`)}</table>`;
}

async function myPendingScreen() {
  const requests = await api('GET', '/api/approval-requests/pending-my-approval?size=50');
  main().innerHTML = html`<h1>Approval pending</h1><p class="muted">Requests you can approve now.</p>
    ${requests.length === 0 ? raw('<div class="empty">Nothing is waiting for your approval.</div>')
      : html`<table><tr><th>Application</th><th>Image</th><th>Requested by</th><th>State</th><th></th></tr>${
        requests.map(r => html`<tr data-request="${r.id}"><td>${r.application} → ${r.environment}</td>
        <td><strong>${r.imageTag}</strong>${r.comment ? html`<div class="muted">“${r.comment}”</div>` : ''}</td>
        <td>${r.requestedBy}</td><td>${requestSummary(r)}</td><td class="row">${actionButtons(r)}</td></tr>`)}</table>`}`;
}

/** Where the approve-from-email link lands: spend the link, then show the request with its buttons. */
async function approveLinkScreen(requestId, params) {
  const token = params.get('link');
  try {
    if (token) {
      const spent = await api('POST', '/api/notifications/approval-links/redeem', { token });
      // the vote carries the receipt, so the history says it came through this e-mail link
      state.linkReceipt = spent.receipt ? { requestId: spent.requestId, receipt: spent.receipt } : null;
    }
  } catch (e) {
    main().innerHTML = html`<div class="card" id="link-refused"><h1>This approval link cannot be used</h1>
      <p>${e.message}</p><p><a href="#/pending">Go to Approval pending</a></p></div>`;
    return;
  }
  const r = await api('GET', '/api/approval-requests/' + encodeURIComponent(requestId));
  main().innerHTML = html`<div class="card" data-request="${r.id}"><h1>Approve ${r.application} ${r.imageTag}
    for ${r.environment}?</h1>
    <p>Requested by <strong>${r.requestedBy}</strong>, built by ${r.builtBy}.</p>
    <p class="mono">${r.imageDigest}</p>${r.comment ? html`<p>“${r.comment}”</p>` : ''}
    <p>${requestSummary(r)}</p>
    <div class="row">${r.allowedActions.length ? actionButtons(r)
      : raw('<span class="muted">There is nothing you can do on this request.</span>')}</div></div>`;
}

async function adminScreen() {
  const [users, groups] = await Promise.all([api('GET', '/api/access/users'), api('GET', '/api/access/groups')]);
  const superAdmin = state.me.superAdmin;
  main().innerHTML = html`<h1>Access</h1>
    <h2>Users</h2><table><tr><th>User</th><th>Groups</th><th>Roles</th><th></th></tr>${users.map(u => html`<tr data-user="${u.id}">
      <td><strong>${u.displayName}</strong><div class="muted">${u.id} · ${u.email}${u.active ? '' : ' · inactive'}</div></td>
      <td>${u.groups.join(', ')}</td><td>${u.grants.map(g => html`<div>${bindingText(g)}</div>`)}</td>
      <td><div class="row">${superAdmin || u.id !== state.me.userId ? html`<button class="secondary"
        data-action="edit-user" data-user="${u.id}">Grant a role</button>` : ''}${
        superAdmin ? html`<button class="secondary" data-action="edit-membership" data-user="${u.id}">Groups</button>`
          : ''}</div></td></tr>`)}</table>
    <div id="grant-form"></div>
    <h2>Permission groups</h2><table><tr><th>Group</th><th>Roles</th><th></th></tr>${groups.map(g => html`<tr data-group="${g.name}">
      <td><strong>${g.name}</strong><div class="muted">${g.description}</div></td>
      <td>${g.grants.map(x => html`<div>${bindingText(x)}</div>`)}</td>
      <td>${superAdmin ? html`<button class="secondary" data-action="edit-group" data-group="${g.name}">Edit</button>`
        : ''}</td></tr>`)}</table>
    ${superAdmin ? html`<p><button class="secondary" data-action="edit-group" data-group="">New group</button></p>` : ''}
    <div id="group-form"></div>`;
  state.users = users;
  state.groups = groups;
}

function showGrantForm(userId) {
  const where = state.me.superAdmin ? 'anywhere' : grantableScopes().map(scopeText).join(', ');
  document.getElementById('grant-form').innerHTML = html`<div class="card"><h2>Grant a role to ${userId}</h2>
    <p class="muted" id="grant-where">You may grant inside: ${where || 'nowhere'}.</p>
    <div class="row">${roleInputs('grant')}<button data-action="grant" data-user="${userId}">Grant</button></div></div>`;
}

function showGroupForm(name) {
  const group = state.groups.find(g => g.name === name) || { name: '', description: '', grants: [] };
  document.getElementById('group-form').innerHTML = html`<div class="card"><h2>${name ? 'Edit group ' + name
    : 'New group'}</h2>
    <label for="group-name">Name</label><input id="group-name" value="${group.name}" ${name ? raw('readonly') : ''}>
    <label for="group-description">Description</label><input id="group-description" class="wide"
      value="${group.description}">
    <label>Roles (untick to remove)</label><div class="checks">${group.grants.map((g, i) => html`<label>
      <input type="checkbox" name="group-grant" value="${i}" checked>${bindingText(g)}</label>`)}</div>
    <label>Add a role</label><div class="row">${roleInputs('group')}</div>
    <p><button data-action="save-group" data-group="${name}">Save group</button></p></div>`;
}

function showMembershipForm(userId) {
  const user = state.users.find(u => u.id === userId);
  document.getElementById('grant-form').innerHTML = html`<div class="card"><h2>Groups of ${user.displayName}</h2>
    <div class="checks">${state.groups.map(g => html`<label><input type="checkbox" name="member-of"
      value="${g.name}" ${user.groups.includes(g.name) ? raw('checked') : ''}>${g.name}</label>`)}</div>
    <p><button data-action="save-membership" data-user="${userId}">Save groups</button></p></div>`;
}

/** Where the signed-in user may give roles (from /api/access/me): * / * / * only for a super admin. */
function grantableScopes() {
  return (state.me && state.me.grantableScopes) || [];
}

/**
 * The roles offered in a role input. A granter gives only roles they hold (design rule 13): MANAGER implies the ranked
 * ones, IMAGE_APPROVER is additive, so it is offered only to whoever holds it somewhere (the server checks the scope).
 */
function grantableRoles() {
  const holdsApprover = state.me && (state.me.superAdmin || state.me.roles.some(g => g.role === 'IMAGE_APPROVER'));
  return ['VIEW', 'BUILD_AND_DEPLOY', 'ADMIN', 'MANAGER'].concat(holdsApprover ? ['IMAGE_APPROVER'] : []);
}

const scopeText = s => `${s.project} / ${s.application} / ${s.environment}`;

/** Role and scope inputs, starting at the first scope the caller may grant in (a choice when there are several). */
function roleInputs(prefix) {
  const scopes = grantableScopes();
  const first = scopes[0] || { project: '', application: '', environment: '' };
  return html`<select id="${prefix}-role"><option value="">(none)</option>${grantableRoles().map(r =>
    html`<option>${r}</option>`)}</select>${scopes.length > 1
    ? html`<select id="${prefix}-scope" data-fills="${prefix}" aria-label="inside">${scopes.map((s, i) =>
      html`<option value="${i}">${scopeText(s)}</option>`)}</select>` : ''}
    <input id="${prefix}-project" placeholder="project or *" value="${first.project}"><input
      id="${prefix}-application" placeholder="application or *" value="${first.application}"><input
      id="${prefix}-environment" placeholder="environment or *" value="${first.environment}">`;
}

// choosing one of several grantable scopes fills the scope inputs with it (narrow them further by typing)
document.addEventListener('change', event => {
  const prefix = event.target.dataset && event.target.dataset.fills;
  const scope = prefix && grantableScopes()[Number(event.target.value)];
  if (!scope) return;
  ['project', 'application', 'environment'].forEach(k => {
    document.getElementById(prefix + '-' + k).value = scope[k];
  });
});

const bindingText = g => `${g.role} on ${g.scope.project}/${g.scope.application}/${g.scope.environment}`;
const asBinding = g => ({ role: g.role, project: g.scope.project, application: g.scope.application,
  environment: g.scope.environment });

function addedBinding(prefix) {
  const role = document.getElementById(prefix + '-role').value;
  return role ? [{ role, project: document.getElementById(prefix + '-project').value,
    application: document.getElementById(prefix + '-application').value,
    environment: document.getElementById(prefix + '-environment').value }] : [];
}

function saveUser(user, changes) {
  return api('PUT', '/api/access/users/' + encodeURIComponent(user.id), Object.assign({ email: user.email,
    displayName: user.displayName, active: user.active, groups: user.groups, roles: user.grants.map(asBinding) },
  changes));
}

async function tokensScreen() {
  const tokens = await api('GET', '/api/access/tokens');
  main().innerHTML = html`<h1>API tokens</h1>
    <p class="muted">A token lets a CI job or a script call Shipgate as you, with your roles. It is shown once, when
      it is made; revoke it as soon as it is not needed or may have leaked: every service refuses it within moments.</p>
    <div class="card"><h2>New token</h2><div class="row">
      <input id="token-name" class="grow" maxlength="100" placeholder="what it is for, e.g. nightly deploy job">
      <label class="inline">Valid for <input id="token-days" type="number" min="1" max="366" value="90"> days</label>
      ${state.me.superAdmin ? html`<input id="token-user" placeholder="for user (you if empty)">` : ''}
      <button data-action="create-token">Create token</button></div><div id="new-token"></div></div>
    ${tokens.length ? html`<table><tr><th>Name</th><th>User</th><th>State</th><th>Made</th><th>Expires</th><th></th></tr>
      ${tokens.map(t => html`<tr data-token="${t.id}"><td><strong>${t.name}</strong><div class="muted mono">${t.id}</div></td>
      <td>${t.userId}</td><td><span class="badge ${t.state}">${t.state}</span>${t.revokedBy
        ? html`<div class="muted">by ${t.revokedBy}</div>` : ''}</td>
      <td>${new Date(t.createdAt).toLocaleString()}<div class="muted">by ${t.createdBy}</div></td>
      <td>${new Date(t.expiresAt).toLocaleDateString()}</td>
      <td>${t.state === 'ACTIVE' ? html`<button class="danger" data-action="revoke-token" data-token="${t.id}">Revoke</button>`
        : ''}</td></tr>`)}</table>`
      : html`<div class="empty">You have no API tokens yet.</div>`}`;
}

// --- actions (one delegated listener: no inline handlers) ---------------------------------------------------

document.addEventListener('click', async event => {
  const target = event.target.closest('[data-action]');
  if (!target) return;
  const d = target.dataset;
  switch (d.action) {
    case 'sign-out': signOut(); break;
    case 'request-approval': await attempt(() => showRequestForm(currentPipeline(), d.digest, d.tag)); break;
    case 'submit-request': {
      const approvers = [...document.querySelectorAll('input[name=approver]:checked')].map(box => box.value);
      await attempt(async () => {
        await api('POST', '/api/approval-requests', { pipelineId: d.pipeline, imageDigest: d.digest, approvers,
          comment: document.getElementById('request-comment').value || null });
        await route();
      }, 'Approval requested: the approvers have been emailed.');
      break;
    }
    case 'vote': {
      const body = d.verb === 'reject' ? { comment: prompt('Why do you reject this image?') || '' } : undefined;
      const receipt = state.linkReceipt && state.linkReceipt.requestId === d.request ? state.linkReceipt.receipt : null;
      const voteBody = receipt && ['approve', 'reject'].includes(d.verb) ? { ...(body || {}), link: receipt } : body;
      await attempt(async () => {
        await api('POST', '/api/approval-requests/' + encodeURIComponent(d.request) + '/' + d.verb, voteBody);
        if (receipt) state.linkReceipt = null;
        await route();
      }, { approve: 'Approved.', reject: 'Rejected.', withdraw: 'Approval withdrawn.', cancel: 'Request cancelled.',
        expire: 'Approval expired.' }[d.verb]);
      break;
    }
    case 'deploy':
      await attempt(async () => {
        const deployment = await api('POST', '/api/pipelines/' + encodeURIComponent(d.pipeline) + '/deployments',
          { imageDigest: d.digest });
        location.hash = '#/pipelines/' + encodeURIComponent(d.pipeline) + '/details/' + encodeURIComponent(deployment.id);
      }, 'Deployment requested.');
      break;
    case 'rollback':
      await attempt(async () => {
        const deployment = await api('POST', '/api/pipelines/' + encodeURIComponent(d.pipeline) + '/rollbacks',
          { deploymentId: d.deployment });
        location.hash = '#/pipelines/' + encodeURIComponent(d.pipeline) + '/details/' + encodeURIComponent(deployment.id);
      }, 'Rollback requested.');
      break;
    case 'edit-user': showGrantForm(d.user); break;
    case 'grant': {
      const user = state.users.find(u => u.id === d.user);
      await attempt(async () => {
        await saveUser(user, { roles: user.grants.map(asBinding).concat(addedBinding('grant')) });
        await route();
      }, 'Role granted.');
      break;
    }
    case 'edit-membership': showMembershipForm(d.user); break;
    case 'save-membership': {
      const groups = [...document.querySelectorAll('input[name=member-of]:checked')].map(box => box.value);
      await attempt(async () => {
        await saveUser(state.users.find(u => u.id === d.user), { groups });
        await route();
      }, 'Groups saved.');
      break;
    }
    case 'edit-group': showGroupForm(d.group); break;
    case 'save-group': {
      const name = document.getElementById('group-name').value.trim();
      const before = state.groups.find(g => g.name === d.group) || { grants: [] };
      const kept = [...document.querySelectorAll('input[name=group-grant]:checked')]
        .map(box => asBinding(before.grants[Number(box.value)]));
      await attempt(async () => {
        await api('PUT', '/api/access/groups/' + encodeURIComponent(name), {
          description: document.getElementById('group-description').value, roles: kept.concat(addedBinding('group')) });
        await route();
      }, 'Group ' + name + ' saved.');
      break;
    }
    case 'create-token': {
      const days = Number(document.getElementById('token-days').value);
      const forUser = document.getElementById('token-user');
      await attempt(async () => {
        const made = await api('POST', '/api/access/tokens', { name: document.getElementById('token-name').value,
          lifetimeDays: days, userId: forUser && forUser.value.trim() ? forUser.value.trim() : null });
        await route();
        document.getElementById('new-token').innerHTML = html`<p><strong>Copy this token now: it is not shown
          again.</strong> Send it as <code>Authorization: Bearer …</code>.</p>
          <code id="new-token-value">${made.accessToken}</code>`;
      }, 'Token made.');
      break;
    }
    case 'revoke-token':
      if (!confirm('Revoke this token? Whatever uses it stops working.')) break;
      await attempt(async () => {
        await api('DELETE', '/api/access/tokens/' + encodeURIComponent(d.token));
        await route();
      }, 'Token revoked.');
      break;
    case 'sso-sign-in': await attempt(startProviderSignIn); break;
  }
});

function currentPipeline() {
  return decodeURIComponent(location.hash.split('/')[2] || '');
}

// --- routing ------------------------------------------------------------------------------------------------

async function route() {
  clearTimeout(state.refresh);
  state.screen = (state.screen || 0) + 1;
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (!state.token && parts[0] !== 'login') {
    signOut();
    return;
  }
  try {
    if (state.token && !state.me) state.me = await api('GET', '/api/access/me');
    renderHeader();
    if (parts[0] === 'login') return await loginScreen(params);
    if (parts[0] === 'pipelines') return await pipelineScreen(parts[1], parts[2] || 'images', parts[3]);
    if (parts[0] === 'pending') return await myPendingScreen();
    if (parts[0] === 'approve') return await approveLinkScreen(parts[1], params);
    if (parts[0] === 'admin') return await adminScreen();
    if (parts[0] === 'tokens') return await tokensScreen();
    return await applicationsScreen();
  } catch (e) {
    if (e.status !== 401 && !(e instanceof StaleAnswer)) {
      main().innerHTML = html`<div class="card"><h1>Something went wrong</h1><p>${e.message}</p>
        <p><a href="#/">Back to the applications</a></p></div>`;
    }
  }
}

window.addEventListener('hashchange', () => { flash(''); route(); });
finishProviderSignIn().catch(e => flash(e.message)).finally(route);
