/* Draws the charts whose data a page embeds as JSON, with the locally served Plotly. */
(function () {
  "use strict";
  var palette = ["#8a6d1f", "#2f6f73", "#6b7fb0", "#b4653c", "#7a8c4a", "#9a6b93", "#5b5b5b"];
  var font = { family: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif", size: 13, color: "#2b2a26" };
  var config = { displayModeBar: false, responsive: true };
  // Score colours: red below the at-risk line, amber to on-track, green above (the page legend says which).
  var scoreScale = [[0, "#c0413b"], [0.69, "#e0794a"], [0.7, "#d39b1c"], [0.89, "#e1c04a"], [0.9, "#7fb98c"], [1, "#3f8f55"]];

  function json(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  function base(height) {
    return { margin: { l: 56, r: 16, t: 8, b: 40 }, height: height, paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)", font: font };
  }
  function costChart() {
    var holder = document.getElementById("cost-chart"), spec = json("cost-chart-data");
    if (!holder || !spec) { return; }
    spec.traces.forEach(function (trace, i) {
      trace.marker = { color: palette[i % palette.length] };
      trace.hovertemplate = "%{x}: %{y:,.0f}<extra>" + trace.name + "</extra>";
    });
    var layout = base(320);
    layout.barmode = "stack";
    layout.xaxis = { type: "category", fixedrange: true };
    layout.yaxis = { tickformat: "~s", gridcolor: "#e7e3d8", fixedrange: true };
    layout.legend = { orientation: "h", y: -0.18 };
    window.Plotly.newPlot(holder, spec.traces, layout, config);
  }
  var styles = {
    baseline: { mode: "markers", marker: { symbol: "diamond", size: 11, color: "#5c5a52" } },
    target: { mode: "lines+markers", line: { color: "#8a6d1f", width: 2, dash: "dot" }, marker: { size: 7, symbol: "circle-open", color: "#8a6d1f" } },
    actual_approved: { mode: "lines+markers", line: { color: "#2f6f73", width: 3 }, marker: { size: 9, color: "#2f6f73" } },
    actual_submitted: { mode: "markers", marker: { size: 10, color: "#fff", line: { color: "#2f6f73", width: 2 } } },
    forecast: { mode: "lines", line: { color: "#c0413b", width: 2, dash: "dash" } }
  };
  function indicatorCharts() {
    document.querySelectorAll(".ichart[data-spec]").forEach(function (holder) {
      var spec = json(holder.dataset.spec);
      if (!spec) { return; }
      var traces = spec.traces.map(function (t) {
        var trace = Object.assign({ type: "scatter", name: t.name, x: t.x, y: t.y,
          hovertemplate: "%{x:.2f}: %{y:,.4~f}<extra>" + t.name + "</extra>" }, styles[t.kind] || {});
        return trace;
      });
      var layout = base(240);
      layout.margin = { l: 48, r: 12, t: 8, b: 30 };
      layout.xaxis = { dtick: 1, tickformat: "d", gridcolor: "#efece3", fixedrange: true };
      layout.yaxis = { gridcolor: "#e7e3d8", fixedrange: true, ticksuffix: spec.unit === "percent" ? "%" : "" };
      layout.legend = { orientation: "h", y: -0.2, font: { size: 11 } };
      window.Plotly.newPlot(holder, traces, layout, config);
    });
  }
  function sunburst() {
    var holder = document.getElementById("sunburst"), spec = json("sunburst-data");
    if (!holder || !spec) { return; }
    var colors = spec.scores.map(function (s) { return s === null ? "#d9d5ca" : s; });
    var trace = {
      type: "sunburst", ids: spec.ids, labels: spec.labels, parents: spec.parents, values: spec.values,
      // only leaves carry a value, so each branch is the sum of its leaves and the rings close
      branchvalues: "remainder", sort: true, customdata: spec.titles.map(function (t, i) {
        return [t, spec.scores[i] === null ? "no data" : spec.scores[i].toFixed(0), spec.results[i]];
      }),
      hovertemplate: "<b>%{label}</b> %{customdata[0]}<br>score %{customdata[1]}<br>" +
        (spec.by === "cost" ? "cost %{value:,.0f}" : "%{customdata[2]} result(s) in this branch") + "<extra></extra>",
      marker: { colors: colors, colorscale: scoreScale, cmin: 0, cmax: 100, line: { color: "#fff", width: 1 },
        showscale: true, colorbar: { title: { text: "score" }, thickness: 12 } },
      maxdepth: 4, insidetextorientation: "radial"
    };
    var layout = base(620);
    layout.margin = { l: 8, r: 8, t: 8, b: 8 };
    window.Plotly.newPlot(holder, [trace], layout, config);
  }
  function sparklines() {
    document.querySelectorAll(".spark[data-spec]").forEach(function (holder) {
      var spec = json(holder.dataset.spec);
      if (!spec) { return; }
      var onTrack = spec.on_track === undefined ? 90 : spec.on_track;
      var atRisk = spec.at_risk === undefined ? 70 : spec.at_risk;
      var traces = [{ type: "scatter", mode: "lines+markers", x: spec.x, y: spec.y, line: { color: "#2b2619", width: 2 },
        marker: { size: 7, color: spec.y.map(function (s) { return s === null ? "#aaa497" : s >= onTrack ? "#3f8f55" : s >= atRisk ? "#d39b1c" : "#c0413b"; }) },
        hovertemplate: "%{x}: %{y:.1f}<extra></extra>", connectgaps: true }];
      if (spec.forecast !== null) {
        traces.push({ type: "scatter", mode: "lines+markers", x: [spec.x[spec.x.length - 1], spec.end], y: [spec.y[spec.y.length - 1], spec.forecast],
          line: { color: "#c0413b", dash: "dash", width: 1.5 }, marker: { size: 6 }, hovertemplate: "forecast %{x}: %{y:.0f}<extra></extra>" });
      }
      var layout = base(96);
      layout.margin = { l: 28, r: 8, t: 4, b: 20 };
      layout.showlegend = false;
      layout.xaxis = { dtick: 1, tickformat: "d", fixedrange: true, tickfont: { size: 10 } };
      layout.yaxis = { range: [0, 105], fixedrange: true, tickvals: [0, 50, 100], tickfont: { size: 9 }, gridcolor: "#efece3" };
      // the cycle's status bands (at risk, on track) as tints, not crowded ticks
      layout.shapes = [
        { type: "rect", xref: "paper", x0: 0, x1: 1, y0: atRisk, y1: onTrack, fillcolor: "#d39b1c", opacity: 0.1, line: { width: 0 }, layer: "below" },
        { type: "rect", xref: "paper", x0: 0, x1: 1, y0: onTrack, y1: 105, fillcolor: "#3f8f55", opacity: 0.1, line: { width: 0 }, layer: "below" }
      ];
      window.Plotly.newPlot(holder, traces, layout, config);
    });
  }
  function draw() {
    if (!window.Plotly) { return; }
    costChart();
    indicatorCharts();
    sunburst();
    sparklines();
    document.body.dataset.chartsReady = "true";
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
