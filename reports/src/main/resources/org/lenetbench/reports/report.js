// Draws the report's charts from the JSON in #report-data; marks each canvas data-drawn="true" once drawn,
// so that a browser test can check that every chart drew.
(function () {
  // A script error is shown on the page (and left in the console), never silently leaves a chart blank.
  window.addEventListener('error', e => {
    const box = document.getElementById('report-errors');
    box.hidden = false;
    box.textContent += 'Chart error: ' + e.message + '\n';
  });
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const drawn = (id, chart) => { if (chart) { document.getElementById(id).dataset.drawn = 'true'; } };

  drawn('accuracy-chart', new Chart(document.getElementById('accuracy-chart'), {
    type: 'line',
    data: { datasets: data.accuracy.map(run => ({ label: run.label, data: run.points.map(p => ({ x: p[0], y: p[1] })) })) },
    options: { animation: false, maintainAspectRatio: false, parsing: false,
      scales: { x: { type: 'linear', title: { display: true, text: 'epoch' } },
                y: { title: { display: true, text: 'test accuracy (%)' } } } }
  }));

  // Bars are JMH scores; the error (99.9 %) is shown in the tooltip and in the table below each chart.
  const bars = (id, d, title) => drawn(id, new Chart(document.getElementById(id), {
    type: 'bar',
    data: { labels: d.categories, datasets: d.series.map(s => ({ label: s.label, data: s.values, errors: s.errors })) },
    options: { animation: false, maintainAspectRatio: false,
      scales: { y: { type: 'logarithmic', title: { display: true, text: title } } },
      plugins: { tooltip: { callbacks: { label: c => c.dataset.label + ': ' + Math.round(c.raw).toLocaleString('en')
        + ' ± ' + Math.round(c.dataset.errors[c.dataIndex]).toLocaleString('en') } } } }
  }));
  bars('network-chart', data.network, 'images/s');
  bars('layers-chart', data.layers, 'images/s (batch 64)');
})();
