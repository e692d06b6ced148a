// Sweep's interactive loss curves: one uPlot chart per <div class="curves"> whose data sits in the
// <script type="application/json"> named by its data-source attribute. Hover: the readout line
// and the legend show the learning rate and each batch size's loss under the cursor. Click a
// legend entry: that batch size hides (click again to show). Drag across the plot: zoom the
// learning-rate axis; double-click: zoom back out.
(function () {
  "use strict";

  function rate(value) { return value == null ? "–" : value.toExponential(2); }
  function loss(value) { return value == null ? "–" : value.toFixed(3); }

  // Decades always get a label, 2× and 5× once the view spans under two decades, every tick under one.
  function tickLabels(chart, ticks) {
    var span = Math.log10(chart.scales.x.max / chart.scales.x.min);
    return ticks.map(function (tick) {
      var exponent = Math.floor(Math.log10(tick) + 1e-9);
      var mantissa = Math.round(tick / Math.pow(10, exponent));
      var shown = mantissa === 1 || span < 1 || (span < 2 && (mantissa === 2 || mantissa === 5));
      if (!shown) return "";
      return exponent >= 0 && exponent <= 3 ? String(mantissa * Math.pow(10, exponent)) : mantissa + "e" + exponent;
    });
  }

  function readoutOf(chart, line) {
    return function () {
      var index = chart.cursor.idx;
      if (index == null) { line.textContent = "Hover over the curves to read the learning rate and the loss."; return; }
      var parts = [];
      for (var s = 1; s < chart.series.length; s++)
        if (chart.series[s].show) parts.push(chart.series[s].label + ": loss " + loss(chart.data[s][index]));
      line.textContent = "learning rate " + rate(chart.data[0][index]) + " — " + (parts.length ? parts.join("; ") : "every batch size hidden");
    };
  }

  function draw(holder) {
    var source = JSON.parse(document.getElementById(holder.getAttribute("data-source")).textContent);
    var line = document.getElementById(holder.getAttribute("data-readout"));
    if (source.series.length === 0) { line.textContent = "No curves to show."; return null; }
    var data = uPlot.join(source.series.map(function (series) { return [series.learningRates, series.losses]; }));
    var chart;
    var update = function () { if (chart) readoutOf(chart, line)(); };
    var options = {
      width: Math.max(320, holder.clientWidth), height: 440,
      // x: the data's own span (uPlot would round a log range out to whole decades); y: the loss window.
      scales: { x: { time: false, distr: 3, log: 10, range: function (chart, min, max) { return [min, max]; } },
                y: { range: [source.lossBottom, source.lossTop] } },
      axes: [
        { label: "learning rate (log scale)", values: tickLabels, stroke: "#222", grid: { stroke: "rgba(0,0,0,0.08)" } },
        { label: "smoothed training loss", stroke: "#222", grid: { stroke: "rgba(0,0,0,0.08)" } },
      ],
      series: [{ label: "learning rate", value: function (chart, value) { return rate(value); } }].concat(source.series.map(function (series) {
        // Lines only, as in the static figure; the cursor still marks the point it reads.
        return { label: series.label, stroke: series.colour, width: 2, points: { show: false }, value: function (chart, value) { return loss(value); } };
      })),
      cursor: { drag: { x: true, y: false } },
      hooks: { setCursor: [update], setSeries: [update], ready: [update] },
    };
    chart = new uPlot(options, data, holder);
    update();
    window.addEventListener("resize", function () { chart.setSize({ width: Math.max(320, holder.clientWidth), height: 440 }); });
    return chart;
  }

  window.sweepCharts = Array.prototype.map.call(document.querySelectorAll("div.curves"), draw);
})();
