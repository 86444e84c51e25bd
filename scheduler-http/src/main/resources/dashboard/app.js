// Hourglass operator dashboard: plain JavaScript over the HTTP API (CONTRACT §7).
// Data only ever reaches the page through textContent, never as markup, and the token
// lives in sessionStorage: it is sent in the Authorization header, never in a URL or a log.
(function () {
  'use strict';

  const API = '/ui/api/scheduler';
  const TOKEN_KEY = 'hourglass.token';
  const REFRESH_MS = 5000;
  const PREVIEW_DELAY_MS = 300;

  const $ = (id) => document.getElementById(id);

  // ---- elements and text -------------------------------------------------------------------

  /** A new element; string children become text nodes, so nothing is ever parsed as HTML. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([name, value]) => {
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (name === 'className') {
        node.className = value;
      } else if (name === 'text') {
        node.textContent = value;
      } else if (name.startsWith('on')) {
        node.addEventListener(name.slice(2), value);
      } else {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    });
    children.flat().forEach((child) => {
      if (child !== null && child !== undefined) {
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    });
    return node;
  }

  function show(node, text) {
    node.textContent = text || '';
    node.hidden = !text;
  }

  function badge(kind, value) {
    return el('span', { className: 'badge ' + kind + ' ' + kind + '-' + value, text: value });
  }

  // ---- time --------------------------------------------------------------------------------

  const pad = (number) => String(number).padStart(2, '0');

  /** Local time as 2026-06-01 09:30:00: sortable, and the same whatever the browser's language. */
  function absolute(iso) {
    if (!iso) {
      return '';
    }
    const t = new Date(iso);
    return t.getFullYear() + '-' + pad(t.getMonth() + 1) + '-' + pad(t.getDate())
      + ' ' + pad(t.getHours()) + ':' + pad(t.getMinutes()) + ':' + pad(t.getSeconds());
  }

  const zoneFormatters = new Map();

  /** A formatter for an IANA zone, or null when the browser does not know it. */
  function zoneFormatter(zone) {
    if (!zoneFormatters.has(zone)) {
      let formatter = null;
      try {
        formatter = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric',
          month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
      } catch (e) {
        formatter = null;
      }
      zoneFormatters.set(zone, formatter);
    }
    return zoneFormatters.get(zone);
  }

  /** Wall time in the zone as 2026-10-25 02:30:00 CEST, the abbreviation telling the two passes of an hour apart. */
  function inZone(iso, zone) {
    const parts = {};
    zoneFormatter(zone).formatToParts(new Date(iso)).forEach((part) => {
      parts[part.type] = part.value;
    });
    return parts.year + '-' + parts.month + '-' + parts.day + ' ' + parts.hour + ':' + parts.minute + ':'
      + parts.second + (parts.timeZoneName ? ' ' + parts.timeZoneName : '');
  }

  function relative(iso, now) {
    const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
    const span = Math.abs(seconds);
    let text;
    if (span < 60) {
      text = span + ' s';
    } else if (span < 3600) {
      text = Math.round(span / 60) + ' min';
    } else if (span < 86400 * 2) {
      text = Math.round(span / 3600) + ' h';
    } else {
      text = Math.round(span / 86400) + ' days';
    }
    if (span < 1) {
      return 'now';
    }
    return seconds > 0 ? 'in ' + text : text + ' ago';
  }

  /** A relative time with the absolute one beside it, in a machine-readable time element. */
  function when(iso, now) {
    if (!iso) {
      return el('span', { className: 'muted', text: '—' });
    }
    return el('span', { className: 'when' },
      el('span', { className: 'relative', text: relative(iso, now) }),
      el('time', { className: 'absolute', datetime: iso, text: absolute(iso) }));
  }

  function duration(ms) {
    if (ms === null || ms === undefined) {
      return '';
    }
    if (ms < 1000) {
      return ms + ' ms';
    }
    return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
  }

  // ---- schedules in words ------------------------------------------------------------------

  const UNITS = [[86400000, 'day'], [3600000, 'hour'], [60000, 'minute'], [1000, 'second'], [1, 'millisecond']];

  function intervalWords(ms) {
    const [size, unit] = UNITS.find(([unitMs]) => ms % unitMs === 0);
    const count = ms / size;
    return count === 1 ? 'every ' + unit : 'every ' + count + ' ' + unit + 's';
  }

  /** Cron schedules get the API's humanReadable once per distinct schedule; the rest are worded here. */
  const cronWords = new Map();

  function scheduleKey(schedule) {
    return schedule.expr + ' ' + (schedule.tz || '');
  }

  function scheduleCell(schedule) {
    if (schedule.kind === 'every') {
      return el('span', { text: intervalWords(schedule.intervalMs) });
    }
    if (schedule.kind === 'at') {
      return el('span', { text: 'once at ' + absolute(schedule.at) });
    }
    const words = cronWords.get(scheduleKey(schedule));
    return el('span', {},
      el('span', { text: words || 'cron' }),
      el('code', { className: 'expr', text: schedule.expr + (schedule.tz ? ' (' + schedule.tz + ')' : '') }));
  }

  async function learnCronWords(jobs) {
    const unknown = new Map();
    jobs.filter((job) => job.schedule.kind === 'cron' && !cronWords.has(scheduleKey(job.schedule)))
      .forEach((job) => unknown.set(scheduleKey(job.schedule), job.schedule));
    if (unknown.size === 0) {
      return false;
    }
    await Promise.all([...unknown].map(async ([key, schedule]) => {
      const reply = await api('POST', '/preview', { schedule });
      cronWords.set(key, reply.ok && reply.body.humanReadable ? reply.body.humanReadable : 'cron');
    }));
    return true;
  }

  // ---- the API -----------------------------------------------------------------------------

  let token = sessionStorage.getItem(TOKEN_KEY);

  /**
   * Calls the API; answers {ok, status, body}. A 401 forgets the token and asks for it again;
   * a network failure answers status 0 with a message in the same shape as the API's errors.
   */
  async function api(method, path, body, extraHeaders) {
    const headers = Object.assign({ Accept: 'application/json' }, extraHeaders || {});
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
      response = await fetch(API + path, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
      });
    } catch (e) {
      return { ok: false, status: 0, body: { error: 'cannot reach the service: ' + e.message, code: 'offline' } };
    }
    let json = null;
    try {
      json = await response.json();
    } catch (e) {
      json = { error: 'HTTP ' + response.status + ' without a JSON body', code: 'http_' + response.status };
    }
    if (response.status === 401) {
      askForToken('The service refused the token. Enter the API token again.');
    }
    return { ok: response.ok, status: response.status, body: json };
  }

  // ---- token -------------------------------------------------------------------------------

  function askForToken(message) {
    token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    stopRefreshing();
    show($('token-error'), message);
    $('token-input').value = '';
    if (!$('token-dialog').open) {
      document.querySelectorAll('dialog[open]').forEach((dialog) => dialog.close());
      $('token-dialog').showModal();
    }
    $('token-input').focus();
  }

  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const entered = $('token-input').value.trim();
    if (!entered) {
      show($('token-error'), 'Enter the token.');
      return;
    }
    token = entered;
    sessionStorage.setItem(TOKEN_KEY, token);
    $('token-input').value = '';
    $('token-dialog').close();
    refresh().then(startRefreshing);
  });
  // The page is of no use without a token: Escape does not close the prompt.
  $('token-dialog').addEventListener('cancel', (event) => event.preventDefault());

  $('forget-token').addEventListener('click', () => askForToken(''));

  // ---- notices -----------------------------------------------------------------------------

  function notify(text, isError) {
    const notice = $('notice');
    notice.className = 'notice' + (isError ? ' notice-error' : '');
    notice.setAttribute('role', isError ? 'alert' : 'status');
    show(notice, text);
  }

  // ---- the job table -----------------------------------------------------------------------

  let jobs = [];
  const expandedErrors = new Set();

  // ---- the listing, a page at a time (CONTRACT §7 paging) -----------------------------------

  const PAGE_SIZE = 100;
  let pagesShown = 1;
  let moreCursor = null;

  /** The listing's query: the filters go to the server, which pages newest first. */
  function listQuery(cursor) {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    const status = $('status-filter').value;
    const search = $('search').value.trim();
    if (status) {
      params.set('status', status);
    }
    if (search) {
      params.set('q', search);
    }
    if (cursor) {
      params.set('cursor', cursor);
    }
    return '?' + params.toString();
  }

  /** The pages shown so far, from the first again: what changed on them is seen, nothing else is loaded. */
  async function listShownPages() {
    let listed = [];
    let cursor = null;
    let summary = null;
    for (let page = 0; page < pagesShown; page++) {
      const reply = await api('GET', listQuery(cursor));
      if (!reply.ok) {
        return reply;
      }
      summary = reply.body.summary;
      listed = listed.concat(reply.body.jobs);
      cursor = reply.body.nextCursor;
      if (!cursor) {
        break;
      }
    }
    return { ok: true, jobs: listed, summary, nextCursor: cursor };
  }

  async function refresh() {
    const reply = await listShownPages();
    if (!reply.ok) {
      if (reply.status !== 401) {
        notify(reply.body.error, true);
      }
      return;
    }
    jobs = reply.jobs;
    moreCursor = reply.nextCursor;
    renderSummary(reply.summary);
    renderJobs();
    hooks.refreshed.forEach((listener) => listener(reply.summary));
    refreshDependencies();
    refreshCluster();
    $('updated').textContent = 'updated ' + absolute(new Date().toISOString()).slice(11);
    const learned = await learnCronWords(jobs);
    await learnExplanations(jobs);
    if (learned || jobs.length) {
      renderJobs();
    }
  }

  // ---- why a job will or will not run (CONTRACT §12.3) -------------------------------------

  const MAX_EXPLAINED = 200;
  const explanations = new Map();
  const expandedExplanations = new Set();

  /**
   * The explanation of each listed job (the first 200). Asked again only for a job that changed
   * since (see stateOf) or whose explanation names an instant now past (the next fire, the end of
   * a pause or a back-off): an open dashboard of idle jobs no longer asks 200 times every refresh.
   */
  async function learnExplanations(listed) {
    const wanted = listed.slice(0, MAX_EXPLAINED);
    const now = Date.now();
    const stale = wanted.filter((job) => !stillTrue(explanations.get(job.id), job, now));
    const replies = await Promise.all(stale.map((job) => api('GET', '/' + job.id + '/explain')));
    const kept = new Map();
    wanted.forEach((job) => {
      const known = explanations.get(job.id);
      if (stillTrue(known, job, now)) {
        kept.set(job.id, known);
      }
    });
    replies.forEach((reply, i) => {
      if (reply.ok) {
        kept.set(stale[i].id, { state: stateOf(stale[i]), body: reply.body });
      }
    });
    explanations.clear();
    kept.forEach((value, id) => explanations.set(id, value));
  }

  /** What an explanation follows from; updatedAt alone could miss two changes in one millisecond. */
  function stateOf(job) {
    return [job.updatedAt, job.status, job.enabled, job.nextRunAt, job.consecutiveErrors, job.pausedUntil,
      job.heldByDependency, job.stale, job.nextProbeAt, job.revision].join('|');
  }

  function stillTrue(known, job, now) {
    if (!known || known.state !== stateOf(job)) {
      return false;
    }
    const instants = [known.body.firesNextAt].concat(known.body.reasons.map((reason) => reason.until));
    return instants.every((instant) => !instant || Date.parse(instant) > now);
  }

  /** The summary sentence; a click opens the reasons with their instants. */
  function explanationCell(job) {
    const explanation = explanations.get(job.id)?.body;
    if (!explanation) {
      return null;
    }
    const details = el('details', { className: 'explain', open: expandedExplanations.has(job.id) },
      el('summary', { className: 'explain-summary', text: explanation.summary }),
      el('ul', { className: 'explain-reasons' }, explanation.reasons.map((reason) => el('li', { 'data-code': reason.code },
        el('span', { className: 'reason-code', text: reason.code.replace(/_/g, ' ') }),
        el('span', { className: 'reason-message', text: ' ' + reason.message }),
        reason.since ? el('span', { className: 'muted', text: ' since ' + absolute(reason.since) }) : null,
        reason.until ? el('span', { className: 'muted', text: ' until ' + absolute(reason.until) }) : null))));
    details.addEventListener('toggle', () => {
      if (details.open) {
        expandedExplanations.add(job.id);
      } else {
        expandedExplanations.delete(job.id);
      }
    });
    return details;
  }

  function renderSummary(summary) {
    ['total', 'active', 'paused', 'failed', 'completed'].forEach((name) => {
      $('count-' + name).textContent = summary[name];
    });
    $('count-recent').textContent = summary.recentFailures;
    $('count-stale').textContent = summary.stale;
    $('count-dependencies').textContent = summary.openDependencies;
    $('count-next').textContent = summary.nextFireAt ? relative(summary.nextFireAt, Date.now()) : '—';
    $('count-next').title = summary.nextFireAt ? absolute(summary.nextFireAt) : '';
  }

  function filtered() {
    return Boolean($('status-filter').value || $('search').value.trim());
  }

  function renderJobs() {
    const now = Date.now();
    $('job-rows').replaceChildren(...jobs.map((job) => jobRow(job, now)));
    const empty = jobs.length > 0 ? '' : filtered() ? 'No job matches the filter.' : 'No jobs yet. Create one with "New job".';
    show($('empty'), empty);
    $('load-more').hidden = !moreCursor;
    $('shown-count').textContent = jobs.length ? jobs.length + (moreCursor ? ' shown, newest first' : ' shown') : '';
  }

  /** The next page, added below the ones shown; later refreshes keep it. */
  async function loadMore(button) {
    button.disabled = true;
    const reply = await api('GET', listQuery(moreCursor));
    button.disabled = false;
    if (!reply.ok) {
      notify(reply.body.error, true);
      return;
    }
    pagesShown++;
    jobs = jobs.concat(reply.body.jobs);
    moreCursor = reply.body.nextCursor;
    renderJobs();
    await learnCronWords(jobs);
    await learnExplanations(jobs);
    renderJobs();
  }

  let searchTimer = null;

  /** A new filter starts from the first page, asked of the server. */
  function filterChanged() {
    pagesShown = 1;
    refresh();
  }

  function jobRow(job, now) {
    return el('tr', { 'data-job-id': job.id, 'data-job-name': job.name, 'data-status': job.status },
      el('td', { className: 'select' }, hooks.selectCell ? hooks.selectCell(job) : null),
      el('td', { className: 'name' },
        el('span', { className: 'job-name', text: job.name }),
        job.description ? el('span', { className: 'description', text: job.description }) : null,
        job.enabled ? null : el('span', { className: 'tag', text: 'disabled' }),
        job.stale ? el('span', { className: 'tag tag-stale', title: 'no successful run within '
          + duration(job.expectSuccessWithinMs), text: 'stale' }) : null,
        job.pausedUntil ? el('span', { className: 'tag tag-until', text: 'until ' + absolute(job.pausedUntil) }) : null,
        job.heldByDependency ? el('span', { className: 'tag tag-held', title: 'its dependency is open: it does not fire',
          text: 'held by ' + job.dependency }) : null,
        explanationCell(job)),
      el('td', {}, badge('status', job.status)),
      el('td', { className: 'schedule' }, scheduleCell(job.schedule)),
      el('td', {}, when(job.nextRunAt, now)),
      el('td', { className: 'last-run' }, lastRun(job, now)),
      el('td', { className: 'num errors' + (job.consecutiveErrors > 0 ? ' has-errors' : ''), text: job.consecutiveErrors }),
      el('td', { className: 'actions' }, actions(job)));
  }

  function lastRun(job, now) {
    if (!job.lastRunAt) {
      return el('span', { className: 'muted', text: 'never' });
    }
    const parts = [
      el('div', { className: 'last-run-line' },
        badge('run', job.lastRunStatus),
        el('span', { className: 'duration', text: duration(job.lastRunDurationMs) }),
        el('span', { className: 'relative', title: absolute(job.lastRunAt), text: relative(job.lastRunAt, now) })),
    ];
    if (job.lastRunError) {
      const details = el('details', { className: 'last-error', open: expandedErrors.has(job.id) },
        el('summary', { text: 'last error' }),
        el('pre', { className: 'error-text', text: job.lastRunError }));
      details.addEventListener('toggle', () => {
        if (details.open) {
          expandedErrors.add(job.id);
        } else {
          expandedErrors.delete(job.id);
        }
      });
      parts.push(details);
    }
    return parts;
  }

  function actionButton(action, label, job, handler, className) {
    return el('button', {
      type: 'button', className: className || '', 'data-action': action,
      'aria-label': label + ' ' + job.name, text: label, onclick: (event) => handler(job, event.currentTarget),
    });
  }

  function actions(job) {
    const buttons = [];
    if (job.status === 'active') {
      buttons.push(actionButton('pause', 'Pause', job, pause));
      buttons.push(actionButton('pause-until', 'Pause until…', job, openPauseUntil));
      buttons.push(actionButton('run', 'Run now', job, runNow));
    } else if (job.status === 'paused') {
      buttons.push(actionButton('resume', 'Resume', job, resume));
      buttons.push(actionButton('pause-until', 'Pause until…', job, openPauseUntil));
    } else if (job.status === 'failed') {
      buttons.push(actionButton('resume', 'Resume…', job, openForceResume, 'warn'));
    }
    buttons.push(actionButton('edit', 'Edit', job, openEdit));
    buttons.push(actionButton('history', 'History', job, openHistory));
    buttons.push(actionButton('delete', 'Delete', job, confirmDelete, 'danger-text'));
    return buttons;
  }

  // ---- actions -----------------------------------------------------------------------------

  /** Runs one API call for an action, shows its outcome (the API's own message on refusal), refreshes. */
  async function act(button, method, path, body, success) {
    if (button) {
      button.disabled = true;
    }
    const reply = await api(method, path, body);
    if (button) {
      button.disabled = false;
    }
    if (reply.ok) {
      notify(success(reply.body), false);
    } else if (reply.status !== 401) {
      notify(reply.body.error, true);
    }
    await refresh();
    return reply;
  }

  function pause(job, button) {
    return act(button, 'POST', '/' + job.id + '/pause', undefined, () => 'Paused ' + job.name + '.');
  }

  function resume(job, button) {
    return act(button, 'POST', '/' + job.id + '/resume', undefined, () => 'Resumed ' + job.name + '.');
  }

  function runNow(job, button) {
    button.textContent = 'Running…';
    return act(button, 'POST', '/' + job.id + '/run', undefined,
      (body) => 'Ran ' + job.name + ': ' + (body.result || '(no output)'));
  }

  // ---- pause until (CONTRACT §12.2) --------------------------------------------------------

  let pausing = null;

  /** A datetime-local value for an instant, in the browser's time. */
  function localInput(iso) {
    const t = new Date(iso);
    return t.getFullYear() + '-' + pad(t.getMonth() + 1) + '-' + pad(t.getDate()) + 'T' + pad(t.getHours()) + ':'
      + pad(t.getMinutes()) + ':' + pad(t.getSeconds());
  }

  function openPauseUntil(job) {
    pausing = job;
    $('pause-title').textContent = 'Pause ' + job.name + ' until';
    $('f-until').value = localInput(job.pausedUntil || new Date(Date.now() + 3600000).toISOString());
    $('f-pause-reason').value = '';
    show($('pause-error'), '');
    $('pause-dialog').showModal();
    $('f-until').focus();
  }

  $('pause-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const local = $('f-until').value;
    if (!local) {
      show($('pause-error'), 'Choose when the job resumes.');
      return;
    }
    const job = pausing;
    const body = { until: new Date(local).toISOString() };
    if ($('f-pause-reason').value.trim()) {
      body.reason = $('f-pause-reason').value.trim();
    }
    $('pause-confirm').disabled = true;
    const reply = await api('POST', '/' + job.id + '/pause', body);
    $('pause-confirm').disabled = false;
    if (reply.ok) {
      $('pause-dialog').close();
      notify('Paused ' + job.name + ' until ' + absolute(reply.body.job.pausedUntil) + '.', false);
      await refresh();
    } else if (reply.status !== 401) {
      show($('pause-error'), reply.body.error);
    }
  });
  $('pause-cancel').addEventListener('click', () => $('pause-dialog').close());

  // ---- confirmation of a delete ------------------------------------------------------------

  let confirmed = null;

  function confirmDelete(job) {
    $('confirm-title').textContent = 'Delete ' + job.name + '?';
    $('confirm-text').textContent = 'The job and its run history are removed; its audit trail stays readable.';
    confirmed = () => act(null, 'DELETE', '/' + job.id, undefined, () => 'Deleted ' + job.name + '.');
    $('confirm-dialog').showModal();
    $('confirm-cancel').focus();
  }

  $('confirm-form').addEventListener('submit', (event) => {
    event.preventDefault();
    $('confirm-dialog').close();
    const action = confirmed;
    confirmed = null;
    if (action) {
      action();
    }
  });
  $('confirm-cancel').addEventListener('click', () => $('confirm-dialog').close());

  // ---- force resume of a failed job --------------------------------------------------------

  let forcing = null;

  async function openForceResume(listed) {
    const [current, runs] = await Promise.all([api('GET', '/' + listed.id), api('GET', '/' + listed.id + '/runs?limit=5')]);
    if (!current.ok) {
      if (current.status !== 401) {
        notify(current.body.error, true);
      }
      return;
    }
    const job = current.body.job;
    if (job.status !== 'failed') {
      // It changed since the table was drawn: a plain resume says what the API makes of it.
      await resume(job, null);
      return;
    }
    forcing = job;
    $('force-title').textContent = 'Force resume ' + job.name;
    $('force-summary').textContent = 'The circuit breaker stopped this job after ' + job.consecutiveErrors
      + ' consecutive error' + (job.consecutiveErrors === 1 ? '' : 's') + '. It stays failed until you resume it on purpose.';
    $('force-last-error').textContent = job.lastRunError || '(no error recorded)';
    const now = Date.now();
    const rows = runs.ok ? runs.body.runs.map((run) => el('tr', {},
      el('td', {}, when(run.startedAt, now)),
      el('td', {}, badge('run', run.status)),
      el('td', { className: 'num', text: duration(run.durationMs) }),
      el('td', { className: 'error-cell', text: run.error || '' }))) : [];
    $('force-runs').replaceChildren(...(rows.length ? rows
      : [el('tr', {}, el('td', { colspan: 4, className: 'muted', text: 'no runs recorded' }))]));
    $('force-reason').value = '';
    show($('force-error'), '');
    $('force-dialog').showModal();
    $('force-reason').focus();
  }

  $('force-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const reason = $('force-reason').value.trim();
    if (!reason) {
      show($('force-error'), 'Give a reason: it goes to the audit trail.');
      $('force-reason').focus();
      return;
    }
    const job = forcing;
    $('force-confirm').disabled = true;
    const reply = await api('POST', '/' + job.id + '/resume', { force: true, reason });
    $('force-confirm').disabled = false;
    if (reply.ok) {
      $('force-dialog').close();
      notify('Force-resumed ' + job.name + ': ' + reason, false);
      await refresh();
    } else if (reply.status !== 401) {
      show($('force-error'), reply.body.error);
    }
  });
  $('force-cancel').addEventListener('click', () => $('force-dialog').close());

  // ---- audit trail and run history ---------------------------------------------------------

  function selectTab(name) {
    ['audit', 'runs'].forEach((tab) => {
      $('tab-' + tab).setAttribute('aria-selected', String(tab === name));
      $('panel-' + tab).hidden = tab !== name;
    });
  }

  $('tab-audit').addEventListener('click', () => selectTab('audit'));
  $('tab-runs').addEventListener('click', () => selectTab('runs'));
  $('history-close').addEventListener('click', () => $('history-dialog').close());

  async function openHistory(job) {
    const [audit, runs] = await Promise.all([
      api('GET', '/' + job.id + '/audit?limit=100'), api('GET', '/' + job.id + '/runs?limit=100')]);
    if (audit.status === 401 || runs.status === 401) {
      return;
    }
    const now = Date.now();
    $('history-title').textContent = 'History of ' + job.name;
    $('audit-rows').replaceChildren(...(audit.ok ? audit.body.entries : []).map((entry) => el('tr', { 'data-action': entry.action },
      el('td', {}, when(entry.createdAt, now)),
      el('td', {}, el('span', { className: 'action', text: entry.action.replace('_', ' ') })),
      el('td', { text: (entry.previousStatus || '–') + ' → ' + (entry.newStatus || '–') }),
      el('td', { text: entry.actor }),
      el('td', { className: 'detail', text: entry.detail || '' }))));
    $('run-rows').replaceChildren(...(runs.ok ? runs.body.runs : []).map((run) => el('tr', {},
      el('td', {}, when(run.startedAt, now)),
      el('td', { text: run.plannedAt ? absolute(run.plannedAt) : 'manual' }),
      el('td', {}, badge('run', run.status)),
      el('td', { className: 'num', text: duration(run.durationMs) }),
      el('td', {}, el('pre', { className: run.error ? 'error-text' : 'output', text: run.error || run.output || '' })))));
    $('run-chart').replaceChildren(runChart(runs.ok ? runs.body.runs : []));
    const failed = [audit, runs].find((reply) => !reply.ok);
    show($('history-error'), failed ? failed.body.error : '');
    selectTab('audit');
    $('history-dialog').showModal();
  }

  // ---- dependencies and their breakers (CONTRACT §11.1) --------------------------------------

  async function refreshDependencies() {
    const reply = await api('GET', '/dependencies');
    if (!reply.ok) {
      return;
    }
    const listed = reply.body.dependencies;
    $('dependency-rows').replaceChildren(...listed.map((dependency) => el('tr', {
      'data-dependency': dependency.name, 'data-state': dependency.state,
    },
    el('td', { className: 'dependency-name', text: dependency.name }),
    el('td', { className: 'dependency-state' }, badge('dependency', dependency.state.replace('_', '-'))),
    el('td', { className: 'dependency-since', text: absolute(dependency.openedAt) }),
    el('td', { className: 'dependency-until', text: absolute(dependency.openUntil) }),
    el('td', { className: 'num dependency-held', text: String(dependency.held) }),
    el('td', { className: 'num dependency-jobs', text: String(dependency.jobs) }),
    el('td', { className: 'num dependency-probes', text: String(dependency.probes) }),
    el('td', { className: 'dependency-cause', text: dependency.cause || '' }),
    el('td', { className: 'actions' },
      el('button', { type: 'button', 'data-action': 'hold', 'aria-label': 'Hold ' + dependency.name, text: 'Hold…',
        onclick: () => openDependencyAction(dependency, 'open') }),
      dependency.state === 'closed' ? null : el('button', { type: 'button', className: 'warn', 'data-action': 'close',
        'aria-label': 'Close ' + dependency.name, text: 'Close…', onclick: () => openDependencyAction(dependency, 'close') })))));
    show($('dependencies-empty'), listed.length ? '' : 'No job names a dependency.');
  }

  /** The dependency and what is asked of it ("open" holds it until an instant, "close" ends the hold). */
  let dependencyAction = null;

  function openDependencyAction(dependency, action) {
    dependencyAction = { dependency, action };
    const holding = action === 'open';
    $('dependency-title').textContent = (holding ? 'Hold ' : 'Close ') + dependency.name;
    $('dependency-hint').textContent = holding
      ? 'Its ' + dependency.jobs + ' job(s) do not fire until then; then one probe run tests it.'
      : 'Its ' + dependency.held + ' held job(s) fire again; the fires that waited are released a few a second.';
    $('dependency-until-field').hidden = !holding;
    $('f-dependency-until').value = localInput(dependency.openUntil || new Date(Date.now() + 3600000).toISOString());
    $('f-dependency-reason').value = '';
    $('dependency-confirm').textContent = holding ? 'Hold' : 'Close';
    show($('dependency-error'), '');
    $('dependency-dialog').showModal();
    $('f-dependency-reason').focus();
  }

  $('dependency-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const { dependency, action } = dependencyAction;
    const reason = $('f-dependency-reason').value.trim();
    if (!reason) {
      show($('dependency-error'), 'Give a reason: it goes to the audit trail of every job of ' + dependency.name + '.');
      $('f-dependency-reason').focus();
      return;
    }
    const body = { reason };
    if (action === 'open') {
      const local = $('f-dependency-until').value;
      if (!local) {
        show($('dependency-error'), 'Choose when the hold ends.');
        return;
      }
      body.until = new Date(local).toISOString();
    }
    $('dependency-confirm').disabled = true;
    const reply = await api('POST', '/dependencies/' + encodeURIComponent(dependency.name) + '/' + action, body);
    $('dependency-confirm').disabled = false;
    if (reply.ok) {
      $('dependency-dialog').close();
      notify((action === 'open' ? 'Holding ' + dependency.name + ' until ' + absolute(reply.body.dependency.openUntil)
        : 'Closed ' + dependency.name) + ': ' + reason, false);
      await refresh();
    } else if (reply.status !== 401) {
      show($('dependency-error'), reply.body.error);
    }
  });
  $('dependency-cancel').addEventListener('click', () => $('dependency-dialog').close());

  // ---- the instances sharing the store (CONTRACT §10.1) --------------------------------------

  async function refreshCluster() {
    const reply = await api('GET', '/cluster');
    if (!reply.ok) {
      return;
    }
    const now = Date.now();
    const self = reply.body.self;
    $('cluster-rows').replaceChildren(...reply.body.instances.map((instance) => el('tr', {
      'data-instance-id': instance.id, 'data-alive': instance.alive ? 'true' : 'false',
    },
    el('td', { className: 'instance-name', text: instance.name + (instance.id === self ? ' (this one)' : '') }),
    el('td', { className: 'instance-id', text: instance.id }),
    el('td', { className: 'instance-state' }, badge('instance', instance.alive ? 'alive' : 'dead')),
    el('td', { className: 'instance-heartbeat', title: absolute(instance.heartbeatAt), text: relative(instance.heartbeatAt, now) }),
    el('td', { className: 'instance-started', text: absolute(instance.startedAt) }),
    el('td', { className: 'num instance-running', text: String(instance.running) }))));
  }

  // ---- a chart of the last runs -------------------------------------------------------------

  const SVG = 'http://www.w3.org/2000/svg';

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([name, value]) => node.setAttribute(name, String(value)));
    children.forEach((child) => node.append(child));
    return node;
  }

  /**
   * The runs (newest first, as the API lists them) as bars, oldest left: height by duration, colour
   * by outcome, a mark above each error. Drawn as inline SVG, attributes and classes only.
   */
  function runChart(runs) {
    const width = 600;
    const height = 120;
    const top = 12;
    if (runs.length === 0) {
      return el('p', { className: 'muted', text: 'no runs recorded' });
    }
    const ordered = runs.slice(0, 100).reverse();
    const longest = Math.max(1, ...ordered.map((run) => run.durationMs));
    const slot = width / Math.max(ordered.length, 20);
    const chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, class: 'chart', role: 'img',
      'aria-label': ordered.length + ' runs, the longest ' + duration(longest) });
    chart.append(svg('line', { x1: 0, y1: height - 0.5, x2: width, y2: height - 0.5, class: 'chart-axis' }));
    ordered.forEach((run, i) => {
      const barHeight = Math.max(2, Math.round((run.durationMs / longest) * (height - top - 2)));
      const x = i * slot + 1;
      const bar = svg('rect', { x: x.toFixed(1), y: height - barHeight, width: Math.max(1, slot - 2).toFixed(1),
        height: barHeight, class: 'bar bar-' + run.status, 'data-status': run.status },
      svg('title', {}, document.createTextNode(absolute(run.startedAt) + ' · ' + run.status + ' · '
        + duration(run.durationMs) + (run.error ? ' · ' + run.error : ''))));
      chart.append(bar);
      if (run.status === 'error') {
        chart.append(svg('circle', { cx: (x + (slot - 2) / 2).toFixed(1), cy: height - barHeight - 6, r: 3,
          class: 'error-mark' }));
      }
    });
    return chart;
  }

  // ---- create form with a live preview -----------------------------------------------------

  const FIELDS = ['schedule.intervalMs', 'schedule.expr', 'schedule.kind', 'schedule.tz', 'schedule.at',
    'schedule', 'name', 'description', 'task', 'expectSuccessWithinMs'];

  function kind() {
    return document.querySelector('input[name="kind"]:checked').value;
  }

  function formSchedule() {
    switch (kind()) {
      case 'every':
        return { kind: 'every', intervalMs: Number($('f-interval').value) * Number($('f-interval-unit').value) };
      case 'cron': {
        const schedule = { kind: 'cron', expr: $('f-expr').value.trim() };
        if ($('f-tz').value.trim()) {
          schedule.tz = $('f-tz').value.trim();
        }
        return schedule;
      }
      default: {
        const local = $('f-at').value;
        return { kind: 'at', at: local ? new Date(local).toISOString() : '' };
      }
    }
  }

  /** The error paragraph for the field an API message names ("schedule.expr ...", "name: ..."). */
  function errorSlotFor(message) {
    const field = FIELDS.find((name) => message.startsWith(name + ' ') || message.startsWith(name + ':')
      || message.startsWith(name + '.'));
    const slot = field && document.querySelector('#create-form .field-error[data-field="' + field + '"]');
    return slot && !slot.parentElement.closest('[hidden]') ? slot : $('error-form');
  }

  function clearErrors() {
    document.querySelectorAll('#create-form .field-error').forEach((slot) => show(slot, ''));
  }

  let previewTimer = null;
  let previewSeq = 0;

  /** Asks for a preview once typing pauses; until it comes, the old one is not shown as current. */
  function schedulePreview() {
    clearTimeout(previewTimer);
    previewSeq++;
    $('schedule-preview').className = 'preview preview-pending';
    $('schedule-preview').textContent = 'checking the schedule…';
    previewTimer = setTimeout(preview, PREVIEW_DELAY_MS);
  }

  async function preview() {
    const seq = ++previewSeq;
    const out = $('schedule-preview');
    const reply = await api('POST', '/preview', { schedule: formSchedule() });
    if (seq !== previewSeq) {
      return; // a newer preview is on its way
    }
    if (reply.ok && !reply.body.error) {
      out.className = 'preview';
      out.replaceChildren(...previewLines(reply.body, formSchedule().tz));
    } else if (reply.status !== 401) {
      out.className = 'preview preview-error';
      out.textContent = reply.body.error;
    }
  }

  /**
   * The schedule in words, when it runs next, and its next fires (CONTRACT §12.5). A cron job's
   * fires are shown in its own zone, so a daylight-saving night reads as its wall clock does.
   */
  function previewLines(body, tz) {
    const runs = body.nextRuns || [];
    const lines = [el('span', { className: 'preview-words', text: body.humanReadable })];
    if (!body.nextRunAt) {
      lines.push(el('span', { text: ' · no run ahead' }));
      return lines;
    }
    lines.push(el('span', { text: ' · next run ' + absolute(body.nextRunAt)
      + ' (' + relative(body.nextRunAt, Date.now()) + ')' }));
    const zone = tz && zoneFormatter(tz) ? tz : null;
    lines.push(el('span', { className: 'preview-caption',
      text: 'Next ' + runs.length + (runs.length === 1 ? ' run' : ' runs') + (zone ? ' (' + zone + ' time)' : ' (your time)') }));
    lines.push(el('ol', { className: 'preview-runs' },
      runs.map((iso) => el('li', {}, el('time', { datetime: iso, text: zone ? inZone(iso, zone) : absolute(iso) })))));
    return lines;
  }

  function selectKind() {
    ['every', 'cron', 'at'].forEach((name) => {
      $('kind-' + name).hidden = name !== kind();
    });
    schedulePreview();
  }

  document.querySelectorAll('input[name="kind"]').forEach((radio) => radio.addEventListener('change', selectKind));
  ['f-interval', 'f-interval-unit', 'f-expr', 'f-tz', 'f-at'].forEach((id) => {
    $(id).addEventListener('input', schedulePreview);
    $(id).addEventListener('change', schedulePreview);
  });

  /** The job being edited, or null while the form creates one. */
  let editing = null;

  function openCreate() {
    editing = null;
    $('create-title').textContent = 'New job';
    $('create-submit').textContent = 'Create';
    $('create-form').reset();
    clearErrors();
    selectKind();
    if (typeof Intl.supportedValuesOf === 'function' && !$('zones').children.length) {
      $('zones').replaceChildren(...Intl.supportedValuesOf('timeZone').map((zone) => el('option', { value: zone })));
    }
    $('create-dialog').showModal();
    $('f-name').focus();
  }

  /** The create form, filled in with the job as it is now, saving with PATCH (CONTRACT §12.1). */
  async function openEdit(listed) {
    const current = await api('GET', '/' + listed.id);
    if (!current.ok) {
      if (current.status !== 401) {
        notify(current.body.error, true);
      }
      return;
    }
    const job = current.body.job;
    openCreate();
    editing = job;
    $('create-title').textContent = 'Edit ' + job.name;
    $('create-submit').textContent = 'Save';
    $('f-name').value = job.name;
    $('f-description').value = job.description || '';
    $('f-task').value = job.task;
    $('f-enabled').checked = job.enabled;
    $('f-delete-after-run').checked = job.deleteAfterRun;
    $('f-expect').value = job.expectSuccessWithinMs ? String(job.expectSuccessWithinMs / 60000) : '';
    const schedule = job.schedule;
    document.querySelector('input[name="kind"][value="' + schedule.kind + '"]').checked = true;
    if (schedule.kind === 'every') {
      const unit = [86400000, 3600000, 60000, 1000].find((ms) => schedule.intervalMs % ms === 0) || 1000;
      $('f-interval-unit').value = String(unit);
      $('f-interval').value = String(schedule.intervalMs / unit);
    } else if (schedule.kind === 'cron') {
      $('f-expr').value = schedule.expr;
      $('f-tz').value = schedule.tz || '';
    } else {
      $('f-at').value = localInput(schedule.at);
    }
    selectKind();
  }

  $('new-job').addEventListener('click', openCreate);
  $('create-cancel').addEventListener('click', () => $('create-dialog').close());

  $('create-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const request = {
      name: $('f-name').value,
      schedule: formSchedule(),
      task: $('f-task').value,
      enabled: $('f-enabled').checked,
      deleteAfterRun: $('f-delete-after-run').checked,
    };
    if ($('f-description').value.trim()) {
      request.description = $('f-description').value;
    } else if (editing) {
      request.description = null;
    }
    const expect = $('f-expect').value.trim();
    if (expect) {
      request.expectSuccessWithinMs = Math.round(Number(expect) * 60000);
    } else if (editing) {
      request.expectSuccessWithinMs = null;
    }
    const job = editing;
    $('create-submit').disabled = true;
    const reply = job
      ? await api('PATCH', '/' + job.id, request, { 'If-Match': '"' + job.revision + '"' })
      : await api('POST', '', request);
    $('create-submit').disabled = false;
    if (reply.ok) {
      $('create-dialog').close();
      notify((job ? 'Saved ' : 'Created ') + reply.body.job.name + '.', false);
      await refresh();
    } else if (reply.status !== 401) {
      const message = reply.body.code === 'precondition_failed'
        ? 'Someone changed this job meanwhile. Close the form and edit it again: ' + reply.body.error
        : reply.body.error;
      const slot = reply.body.code === 'duplicate_name' ? $('error-name') : errorSlotFor(message);
      show(slot, message);
    }
  });

  // ---- filters and refreshing --------------------------------------------------------------

  $('status-filter').addEventListener('change', filterChanged);
  $('search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(filterChanged, PREVIEW_DELAY_MS);
  });
  $('load-more').addEventListener('click', (event) => loadMore(event.currentTarget));
  document.querySelectorAll('#summary button[data-filter]').forEach((button) => button.addEventListener('click', () => {
    $('status-filter').value = button.dataset.filter;
    filterChanged();
  }));
  $('refresh').addEventListener('click', refresh);

  let timer = null;

  function startRefreshing() {
    stopRefreshing();
    timer = setInterval(() => {
      if (!document.hidden && !$('token-dialog').open) {
        refresh();
      }
    }, REFRESH_MS);
  }

  function stopRefreshing() {
    clearInterval(timer);
    timer = null;
  }

  // ---- what incidents.js (CONTRACT §11.3, §11.4) builds on ------------------------------------

  /** Told after each listing ({@code refreshed}, with the summary) and asked for each row's selection cell. */
  const hooks = { refreshed: [], selectCell: null };
  window.hourglassDashboard = Object.freeze({ api, el, show, notify, refresh, absolute, relative, badge, when, hooks });

  // Without a stored token, the first listing goes without one: a service started without
  // --token answers it, and one with a token answers 401, which brings up the prompt.
  refresh().then(startRefreshing);
}());
