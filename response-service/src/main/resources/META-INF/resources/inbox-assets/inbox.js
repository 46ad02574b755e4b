// Earshot inbox keyboard: j/k next/previous row, Enter open, c claim, e resolve and open the next, n note,
// / search, ? help. Keys are ignored while typing in a field (Escape leaves it; Ctrl+Enter submits a note).
(function () {
  'use strict';
  var page = document.body.dataset.page;
  var selected = 0;

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
    return el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
  }

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
      case 'n': if (page === 'task') { document.getElementById('note-text').focus(); } break;
      case '/': var t = document.getElementById('text'); if (t) { t.focus(); } else { window.location.href = '/inbox'; } break;
      case '?': if (help) { help.open ? help.close() : help.showModal(); } break;
      default: return;
    }
    ev.preventDefault();
  });

  if (page === 'inbox') {
    select(0);
    // rows replaced by htmx (filters, live updates): keep the selection on the same index
    document.body.addEventListener('htmx:afterSwap', function () { select(selected); });
  }
})();
