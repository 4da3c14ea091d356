/* Draws the charts whose data a page embeds as JSON, with the locally served Plotly. */
(function () {
  "use strict";
  var palette = ["#8a6d1f", "#2f6f73", "#6b7fb0", "#b4653c", "#7a8c4a", "#9a6b93", "#5b5b5b"];
  function draw() {
    var holder = document.getElementById("cost-chart");
    var data = document.getElementById("cost-chart-data");
    if (!holder || !data || !window.Plotly) { return; }
    var spec = JSON.parse(data.textContent);
    spec.traces.forEach(function (trace, i) {
      trace.marker = { color: palette[i % palette.length] };
      trace.hovertemplate = "%{x}: %{y:,.0f}<extra>" + trace.name + "</extra>";
    });
    window.Plotly.newPlot(holder, spec.traces, {
      barmode: "stack",
      margin: { l: 64, r: 16, t: 8, b: 40 },
      height: 320,
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
      font: { family: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif", size: 13, color: "#2b2a26" },
      xaxis: { type: "category", fixedrange: true },
      yaxis: { tickformat: "~s", gridcolor: "#e7e3d8", fixedrange: true },
      legend: { orientation: "h", y: -0.18 }
    }, { displayModeBar: false, responsive: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
