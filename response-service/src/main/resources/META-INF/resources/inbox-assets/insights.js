// Earshot Insights: draws each chart with uPlot from the figures of the table under it (the table stays the text
// alternative, and the page works without this script). No data comes from anywhere else.
(function () {
  'use strict';
  // Okabe-Ito: distinguishable with the common colour-vision deficiencies
  const COLOURS = ['#000000', '#E69F00', '#56B4E9', '#009E73', '#CC79A7', '#0072B2', '#D55E00', '#F0E442',
    '#999999', '#882255', '#44AA99', '#117733'];
  const DASHES = [[], [6, 3], [2, 3], [8, 3, 2, 3]];

  const DAY = 86400;
  const isoDay = seconds => new Date(seconds * 1000).toISOString().slice(0, 10);

  function figures(table) {
    const names = Array.from(table.tHead.rows[0].cells).slice(1).map(th => th.textContent);
    const rows = Array.from(table.tBodies[0].rows);
    const x = rows.map(r => Number(r.cells[0].dataset.t));
    const series = names.map((_, i) => rows.map(r => {
      const v = r.cells[i + 1].dataset.v;
      return v === '' ? null : Number(v);
    }));
    return { names, x, series };
  }

  function draw(section) {
    const table = section.querySelector('table[data-chart]');
    const plot = section.querySelector('.plot');
    if (!table || !plot || typeof uPlot === 'undefined') {
      return;
    }
    const unit = table.dataset.unit;
    const f = figures(table);
    const opts = {
      width: Math.max(320, plot.clientWidth || section.clientWidth - 24),
      height: 240,
      // periods are UTC days: ticks on whole days, labelled as the tables label them
      padding: [8, 36, 0, 0],
      tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true } },
      axes: [
        { incrs: [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 91 * DAY], space: 70,
          values: (u, splits) => splits.map(isoDay) },
        { label: unit, size: 60 },
      ],
      series: [{ label: 'Period', value: (u, v) => v == null ? '' : isoDay(v) }]
        .concat(f.names.map((name, i) => ({
          label: name,
          stroke: COLOURS[i % COLOURS.length],
          dash: DASHES[Math.floor(i / COLOURS.length) % DASHES.length],
          width: i === 0 ? 2.5 : 1.5,
          points: { show: f.x.length <= 62 },
          spanGaps: false,
          value: (u, v) => v == null ? '–' : v + (unit === '%' ? ' %' : ''),
        }))),
    };
    plot.textContent = '';
    const chart = new uPlot(opts, [f.x].concat(f.series), plot);
    section.uplot = chart;
  }

  function drawAll() {
    document.querySelectorAll('section.chart').forEach(draw);
  }

  let resizing;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => document.querySelectorAll('section.chart').forEach(s => {
      if (s.uplot) {
        const plot = s.querySelector('.plot');
        s.uplot.setSize({ width: Math.max(320, plot.clientWidth), height: 240 });
      }
    }), 150);
  });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }
})();
