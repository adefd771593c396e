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

  // JMH's error (99.9 %) as a vertical bar through each point or bar of a dataset that carries "errors" (same
  // order as its data), or points with an "error" field; clipped to the chart area (on a log axis it may reach zero).
  Chart.register({
    id: 'errorBars',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx, y = chart.scales.y;
      chart.data.datasets.forEach((ds, d) => {
        const meta = chart.getDatasetMeta(d);
        if (meta.hidden) { return; }
        meta.data.forEach((element, i) => {
          const raw = ds.data[i], value = typeof raw === 'number' ? raw : raw && raw.y;
          const error = ds.errors ? ds.errors[i] : raw && raw.error;
          if (!error || !value) { return; }
          const area = chart.chartArea;
          const top = Math.max(area.top, y.getPixelForValue(value + error));
          const bottom = value - error > 0 ? Math.min(area.bottom, y.getPixelForValue(value - error)) : area.bottom;
          ctx.save();
          ctx.strokeStyle = '#333';
          ctx.beginPath();
          ctx.moveTo(element.x, top); ctx.lineTo(element.x, bottom);
          ctx.moveTo(element.x - 3, top); ctx.lineTo(element.x + 3, top);
          ctx.moveTo(element.x - 3, bottom); ctx.lineTo(element.x + 3, bottom);
          ctx.stroke();
          ctx.restore();
        });
      });
    }
  });

  drawn('accuracy-chart', new Chart(document.getElementById('accuracy-chart'), {
    type: 'line',
    data: { datasets: data.accuracy.map(run => ({ label: run.label, data: run.points.map(p => ({ x: p[0], y: p[1] })) })) },
    options: { animation: false, maintainAspectRatio: false, parsing: false,
      scales: { x: { type: 'linear', title: { display: true, text: 'epoch' } },
                y: { title: { display: true, text: 'test accuracy (%)' } } } }
  }));

  // Bars are JMH scores with their error (99.9 %), also in the tooltip, with a series' note where it has one.
  const bars = (id, d, title) => drawn(id, new Chart(document.getElementById(id), {
    type: 'bar',
    data: { labels: d.categories, datasets: d.series.map(s => ({ label: s.label, data: s.values, errors: s.errors, notes: s.notes })) },
    options: { animation: false, maintainAspectRatio: false,
      scales: { y: { type: 'logarithmic', title: { display: true, text: title } } },
      plugins: { tooltip: { callbacks: { label: c => c.dataset.label + ': ' + Math.round(c.raw).toLocaleString('en')
        + ' ± ' + Math.round(c.dataset.errors[c.dataIndex]).toLocaleString('en')
        + (c.dataset.notes ? ' (' + c.dataset.notes[c.dataIndex] + ')' : '') } } } }
  }));
  bars('network-chart', data.network, 'images/s');
  bars('layers-chart', data.layers, 'images/s (batch 64)');

  // Roofline: each ceiling is min(peak, bandwidth × intensity), drawn as three points on log-log axes; each layer
  // result sits at its FLOP per byte of compulsory traffic.
  const low = 0.01, high = 1000;
  const roofs = data.roofline.roofs.map(r => ({ label: 'roof: ' + r.label, showLine: true, pointRadius: 0, borderDash: [6, 3],
    data: [{ x: low, y: r.bandwidth * low }, { x: r.peak / r.bandwidth, y: r.peak }, { x: high, y: r.peak }] }));
  const points = data.roofline.series.map(s => ({ label: s.label, data: s.points, pointRadius: 4 }));
  drawn('roofline-chart', new Chart(document.getElementById('roofline-chart'), {
    type: 'scatter',
    data: { datasets: roofs.concat(points) },
    options: { animation: false, maintainAspectRatio: false,
      scales: { x: { type: 'logarithmic', min: low, max: high, title: { display: true, text: 'arithmetic intensity (FLOP per byte of compulsory traffic)' } },
                y: { type: 'logarithmic', title: { display: true, text: 'GFLOP/s' } } },
      plugins: { tooltip: { callbacks: { label: c => c.raw.name === undefined ? c.dataset.label
        : c.dataset.label + ' ' + c.raw.name + ': ' + c.raw.y.toFixed(1) + ' ± ' + c.raw.error.toFixed(1)
          + ' GFLOP/s at ' + c.raw.x.toFixed(2) + ' FLOP/B' } } } }
  }));

  // Across machines: only when other machines' results were given (the canvas exists then).
  if (document.getElementById('machines-chart')) {
    bars('machines-chart', data.acrossMachines, 'images/s (best batch and threads)');
  }
})();
