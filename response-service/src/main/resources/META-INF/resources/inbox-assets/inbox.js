// Earshot inbox keyboard: j/k next/previous row, Enter open, x select for a bulk action, c claim, e resolve and open
// the next, s snooze, n note, / search, ? help. Keys are ignored while typing in a field (Escape leaves it;
// Ctrl+Enter submits a note). Saved replies: Copy (Clipboard API, else the text is selected for Ctrl+C).
(function () {
  'use strict';
  var page = document.body.dataset.page;
  var selected = 0;
  // bulk selection: task id -> the version its row showed when it was checked (a later change is then refused, 412)
  var picked = {};

  function rows() { return Array.prototype.slice.call(document.querySelectorAll('tr.task')); }

  function select(i) {
    var all = rows();
    if (!all.length) { return; }
    selected = Math.max(0, Math.min(i, all.length - 1));
    all.forEach(function (r, j) { r.classList.toggle('selected', j === selected); r.setAttribute('aria-selected', j === selected); });
    all[selected].scrollIntoView({ block: 'nearest' });
  }

  function current() { return rows()[selected]; }

  function submit(form) { if (form) { form.requestSubmit ? form.requestSubmit() : form.submit(); } }

  function typing(el) {
    if (el && el.tagName === 'INPUT' && (el.type === 'checkbox' || el.type === 'radio')) { return false; }
    return el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
  }

  function boxes() { return Array.prototype.slice.call(document.querySelectorAll('input[name="task"][form="bulk"]')); }

  function count() {
    var n = Object.keys(picked).length;
    var out = document.getElementById('bulk-count');
    if (out) { out.textContent = n + ' selected'; }
  }

  function remember(box) {
    var id = box.value.split(':')[0];
    if (box.checked) { picked[id] = box.value; } else { delete picked[id]; }
    box.closest('tr').classList.toggle('picked', box.checked);
    count();
  }

  // rows replaced by htmx (filters, live updates): the same tasks stay checked with the version seen when checked;
  // tasks no longer listed leave the selection
  function restore() {
    var listed = {};
    boxes().forEach(function (box) {
      var id = box.value.split(':')[0];
      listed[id] = true;
      if (picked[id]) { box.value = picked[id]; box.checked = true; box.closest('tr').classList.add('picked'); }
    });
    Object.keys(picked).forEach(function (id) { if (!listed[id]) { delete picked[id]; } });
    count();
  }

  function toggle(row) {
    var box = row && row.querySelector('input[name="task"]');
    if (box) { box.checked = !box.checked; remember(box); }
  }

  function copy(button, use) {
    var area = document.getElementById(button.dataset.copy);
    var said = button.parentNode.querySelector('.copied');
    function tell(text) { if (said) { said.textContent = text; } }
    if (use) {
      var reply = document.getElementById('reply-text');
      reply.value = area.value;
      reply.focus();
      tell('In the reply text');
      return;
    }
    function fallback() {
      area.focus();
      area.select();
      var done = false;
      try { done = document.execCommand('copy'); } catch (e) { done = false; }
      tell(done ? 'Copied' : 'Selected: press Ctrl+C');
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(function () { tell('Copied'); }, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener('change', function (ev) {
    if (ev.target.name === 'task' && ev.target.getAttribute('form') === 'bulk') { remember(ev.target); }
  });

  // the bulk page's "back" link returns to the queue as it is filtered now (filters change the URL without a reload)
  document.addEventListener('submit', function (ev) {
    if (ev.target.id === 'bulk') { ev.target.elements.back.value = window.location.search.replace(/^\?/, ''); }
  });

  document.addEventListener('click', function (ev) {
    var b = ev.target.closest && ev.target.closest('button[data-copy]');
    if (b) { copy(b, b.classList.contains('use')); }
  });

  document.addEventListener('click', function (ev) {
    var opener = ev.target.closest('[data-opens]');
    if (opener) { document.getElementById(opener.dataset.opens).showModal(); }
  });

  document.addEventListener('keydown', function (ev) {
    if (ev.target.id === 'note-text' && ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault(); submit(document.getElementById('note')); return;
    }
    if (typing(ev.target)) {
      if (ev.key === 'Escape') { ev.target.blur(); }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var help = document.getElementById('help');
    switch (ev.key) {
      case 'j': if (page === 'inbox') { select(selected + 1); } break;
      case 'k': if (page === 'inbox') { select(selected - 1); } break;
      case 'x': if (page === 'inbox') { toggle(current()); } else { return; } break;
      case 'Enter':
        if (page === 'inbox' && current()) { window.location.href = current().dataset.href; } else { return; }
        break;
      case 'c':
        if (page === 'task') {
          submit(document.getElementById('claim'));
        } else if (current()) {
          var f = document.getElementById('row-claim');
          f.action = '/inbox/tasks/' + current().dataset.id + '/claim';
          f.elements.version.value = current().dataset.version;
          submit(f);
        }
        break;
      case 'e': if (page === 'task') { submit(document.getElementById('resolve')); } break;
      case 's': if (page === 'task') { submit(document.getElementById('snooze')); } else { return; } break;
      case 'n': if (page === 'task') { document.getElementById('note-text').focus(); } break;
      case '/': var t = document.getElementById('text'); if (t) { t.focus(); } else { window.location.href = '/inbox'; } break;
      case '?': if (help) { help.open ? help.close() : help.showModal(); } break;
      default: return;
    }
    ev.preventDefault();
  });

  if (page === 'inbox') {
    select(0);
    count();
    document.body.addEventListener('htmx:afterSwap', function () { select(selected); restore(); });
    // a row's click on its empty space selects it (phones and mice); links and boxes keep their own meaning
    document.addEventListener('click', function (ev) {
      var row = ev.target.closest && ev.target.closest('tr.task');
      if (row && !ev.target.closest('a, input, button, label')) { select(rows().indexOf(row)); }
    });
  }
  if (page === 'bulk') {
    var h = document.getElementById('bulk-result');
    if (h) { h.focus(); }
  }
})();
