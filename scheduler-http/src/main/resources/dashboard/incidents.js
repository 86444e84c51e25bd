// Hourglass dashboard: incidents and bulk force resume (CONTRACT §11.3, §11.4), on top of app.js.
// As there, data reaches the page through textContent only; every call goes through app.js's api().
(function () {
  'use strict';

  const { api, el, show, notify, refresh, absolute, relative, badge, when, hooks } = window.hourglassDashboard;
  const $ = (id) => document.getElementById(id);

  const SKIP_REASONS = {
    force_required: 'failed: needs force',
    completed_is_final: 'completed, which is final',
    already_active: 'active already: nothing to resume',
    not_found: 'no such job (deleted?)',
    concurrent_update: 'kept changing: try again',
    unreadable_job: 'its stored row cannot be read',
  };

  // ---- selection of jobs in the table ------------------------------------------------------

  /** The selected jobs, id to name; kept across refreshes and pages, also for jobs not shown. */
  const selected = new Map();

  hooks.selectCell = (job) => el('input', {
    type: 'checkbox', className: 'select-job', 'data-select-job': job.id, checked: selected.has(job.id),
    'aria-label': 'Select ' + job.name,
    onchange: (event) => {
      if (event.currentTarget.checked) {
        selected.set(job.id, job.name);
      } else {
        selected.delete(job.id);
      }
      renderSelection();
    },
  });

  function renderSelection() {
    document.querySelectorAll('#job-rows input[data-select-job]').forEach((box) => {
      box.checked = selected.has(box.dataset.selectJob);
    });
    const boxes = [...document.querySelectorAll('#job-rows input[data-select-job]')];
    $('select-shown').checked = boxes.length > 0 && boxes.every((box) => box.checked);
    $('selection-count').textContent = selected.size + (selected.size === 1 ? ' job selected' : ' jobs selected');
    $('selection-bar').hidden = selected.size === 0;
  }

  function select(jobs) {
    jobs.forEach((job) => selected.set(job.id, job.name));
    renderSelection();
  }

  $('select-shown').addEventListener('change', (event) => {
    document.querySelectorAll('#job-rows tr[data-job-id]').forEach((row) => {
      if (event.currentTarget.checked) {
        selected.set(row.dataset.jobId, row.dataset.jobName);
      } else {
        selected.delete(row.dataset.jobId);
      }
    });
    renderSelection();
  });
  $('selection-clear').addEventListener('click', () => {
    selected.clear();
    renderSelection();
  });
  $('bulk-resume-selected').addEventListener('click', () => openBulk({ ids: [...selected.keys()] },
    selected.size + (selected.size === 1 ? ' selected job' : ' selected jobs'), true));

  // ---- the incident banner ------------------------------------------------------------------

  hooks.refreshed.push(async (summary) => {
    $('count-incidents').textContent = summary.openIncidents;
    renderSelection();
    const reply = await api('GET', '/incidents?open=true');
    if (reply.ok) {
      renderIncidents(reply.body.incidents);
    }
  });

  function renderIncidents(incidents) {
    const now = Date.now();
    $('incident-list').replaceChildren(...incidents.map((incident) => incidentCard(incident, now)));
    $('incidents').hidden = incidents.length === 0;
  }

  function incidentCard(incident, now) {
    const failed = incident.jobs.filter((job) => job.status === 'failed');
    return el('article', { className: 'incident', 'data-incident-id': incident.id },
      el('p', { className: 'incident-headline' },
        el('strong', { className: 'incident-count', text: incident.jobs.length + ' jobs' }),
        el('span', { text: ' fail with the same error, since ' }),
        el('time', { datetime: incident.firstSeenAt, title: absolute(incident.firstSeenAt),
          text: relative(incident.firstSeenAt, now) }),
        el('span', { className: 'muted', text: ' · last seen ' + relative(incident.lastSeenAt, now) })),
      el('code', { className: 'incident-signature', text: incident.signature }),
      el('details', { className: 'incident-example' },
        el('summary', { text: 'an example' }),
        el('pre', { className: 'error-text', text: incident.example })),
      el('ul', { className: 'incident-jobs' }, incident.jobs.map((job) => el('li', { 'data-job-id': job.id },
        el('span', { className: 'incident-job-name', text: job.name }), ' ',
        badge('status', job.status),
        el('span', { className: 'muted', text: ' ' + job.consecutiveErrors + ' error' + (job.consecutiveErrors === 1 ? '' : 's') })))),
      el('div', { className: 'incident-actions' },
        el('button', { type: 'button', 'data-action': 'select-incident-failed', disabled: failed.length === 0,
          text: 'Select all failed in this incident (' + failed.length + ')', onclick: () => select(failed) }),
        el('button', { type: 'button', className: 'warn', 'data-action': 'resume-incident-failed',
          disabled: failed.length === 0, text: 'Force resume the failed…',
          onclick: () => openBulk({ incident: incident.id, status: 'failed' },
            'the failed jobs of this incident', false) })));
  }

  // ---- bulk force resume: the dry run first, then the reason --------------------------------

  /** What the dialog would resume: the request's filter, and whether it came from the selection. */
  let pending = null;

  async function openBulk(filter, what, fromSelection) {
    pending = { filter, fromSelection };
    $('bulk-title').textContent = 'Force resume ' + what;
    $('bulk-summary').textContent = 'Checking what a force resume would do…';
    $('bulk-resumed').replaceChildren();
    $('bulk-skipped').replaceChildren();
    $('bulk-reason').value = '';
    $('bulk-confirm').disabled = true;
    show($('bulk-error'), '');
    $('bulk-dialog').showModal();
    const reply = await api('POST', '/resume', { filter, force: true, dryRun: true });
    if (!reply.ok) {
      if (reply.status !== 401) {
        show($('bulk-error'), reply.body.error);
      }
      return;
    }
    renderDryRun(reply.body);
    $('bulk-confirm').disabled = reply.body.resumed.length === 0;
    $('bulk-reason').focus();
  }

  function renderDryRun(body) {
    const now = Date.now();
    const resumed = body.resumed.length;
    const skipped = body.skipped.length;
    $('bulk-summary').textContent = resumed === 0
      ? 'Nothing would be resumed.'
      : resumed + (resumed === 1 ? ' job' : ' jobs') + ' would be resumed'
        + (skipped ? ', ' + skipped + ' left as they are.' : '.');
    $('bulk-resumed').replaceChildren(...(resumed ? body.resumed.map((job) => el('tr', { 'data-job-id': job.id },
      el('td', { text: job.name }),
      el('td', {}, badge('status', job.status)),
      el('td', {}, when(job.nextRunAt, now))))
      : [el('tr', {}, el('td', { colspan: 3, className: 'muted', text: 'none' }))]));
    $('bulk-skipped').replaceChildren(...(skipped ? body.skipped.map((skip) => el('tr', { 'data-code': skip.code },
      el('td', { text: skip.name || skip.id }),
      el('td', { text: SKIP_REASONS[skip.code] || skip.code }))) : [el('tr', {}, el('td', { colspan: 2, className: 'muted', text: 'none' }))]));
  }

  $('bulk-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const reason = $('bulk-reason').value.trim();
    if (!reason) {
      show($('bulk-error'), 'Give a reason: it goes to the audit trail of every job resumed.');
      $('bulk-reason').focus();
      return;
    }
    const request = pending;
    $('bulk-confirm').disabled = true;
    const reply = await api('POST', '/resume', { filter: request.filter, force: true, reason, dryRun: false });
    $('bulk-confirm').disabled = false;
    if (!reply.ok) {
      if (reply.status !== 401) {
        show($('bulk-error'), reply.body.error);
      }
      return;
    }
    $('bulk-dialog').close();
    const resumed = reply.body.resumed.length;
    const skipped = reply.body.skipped.length;
    notify('Force-resumed ' + resumed + (resumed === 1 ? ' job' : ' jobs')
      + (skipped ? ' (' + skipped + ' left as they were)' : '') + ': ' + reason, false);
    if (request.fromSelection) {
      selected.clear();
    }
    await refresh();
  });
  $('bulk-cancel').addEventListener('click', () => $('bulk-dialog').close());
}());
