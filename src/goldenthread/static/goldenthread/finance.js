/* Draws the finance pages' charts: each holder names the JSON figure (data and layout)
   the page embeds, drawn with the locally served Plotly and the product's look. */
(function () {
  "use strict";
  var palette = ["#8a6d1f", "#2f6f73", "#6b7fb0", "#b4653c", "#7a8c4a", "#9a6b93", "#5b5b5b",
    "#c9a646", "#4f9a9e", "#a3b1d6", "#d99a76", "#aebd84"];
  var font = { family: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif", size: 13, color: "#2b2a26" };
  var config = { displayModeBar: false, responsive: true };

  function draw(holder) {
    var node = document.getElementById(holder.dataset.spec);
    if (!node) { return; }
    var spec = JSON.parse(node.textContent);
    var layout = Object.assign({
      margin: { l: 64, r: 16, t: 16, b: 48 }, paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)", font: font, legend: { orientation: "h", y: -0.15 },
      colorway: palette
    }, spec.layout || {});
    if (layout.title === "") { delete layout.title; }
    if (!spec.layout || !spec.layout.xaxis) { layout.xaxis = { type: "category", fixedrange: true }; }
    layout.yaxis = Object.assign({ tickformat: "~s", gridcolor: "#e7e3d8", fixedrange: true }, layout.yaxis || {});
    (spec.data || []).forEach(function (trace) {
      if (trace.type === "bar" && !trace.hovertemplate) {
        trace.hovertemplate = (trace.orientation === "h" ? "%{y}: %{x:,.0f}" : "%{x}: %{y:,.0f}") + "<extra>" + (trace.name || "") + "</extra>";
      }
    });
    window.Plotly.newPlot(holder, spec.data, layout, config).then(function () {
      holder.dataset.drawn = "true";
    });
  }
  function drawAll() {
    if (!window.Plotly) { return; }
    document.querySelectorAll(".fchart[data-spec]").forEach(draw);
    document.body.dataset.chartsReady = "true";
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
