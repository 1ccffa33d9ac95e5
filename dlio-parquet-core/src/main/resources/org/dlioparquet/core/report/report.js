/* dlio-parquet report: draws the charts described in #report-data with uPlot. Each chart's
   container already holds a static SVG of the same data (for readers without JavaScript); once
   uPlot has drawn a chart, the SVG is hidden. For automated checks, every chart records how many
   points it has and how many of its plot-area pixels carry a series colour, and the root element
   records how many charts have drawn (data-charts-drawn) and any error (data-js-errors). */
(function () {
  "use strict";
  var root = document.documentElement;
  function fail(message) {
    var errors = root.getAttribute("data-js-errors");
    root.setAttribute("data-js-errors", (errors ? errors + " | " : "") + message);
  }
  var spec;
  try {
    spec = JSON.parse(document.getElementById("report-data").textContent);
  } catch (e) {
    fail("report data: " + e.message);
    return;
  }
  var drawn = 0;

  function finite(v) {
    return v !== null && v !== undefined && isFinite(v);
  }

  /* Points a chart can place: both coordinates known. */
  function countPoints(data) {
    var n = 0;
    for (var s = 1; s < data.length; s++) {
      for (var i = 0; i < data[s].length; i++) {
        if (finite(data[0][i]) && finite(data[s][i])) {
          n++;
        }
      }
    }
    return n;
  }

  /* Pixels of the plot area whose colour is saturated: the series' colours, not the grey axes and grid. */
  function seriesPixels(u) {
    var b = u.bbox;
    if (!(b.width > 0 && b.height > 0)) {
      return 0;
    }
    var px = u.ctx.getImageData(Math.round(b.left), Math.round(b.top), Math.round(b.width), Math.round(b.height)).data;
    var n = 0;
    for (var i = 0; i < px.length; i += 4) {
      var r = px[i], g = px[i + 1], bl = px[i + 2];
      if (px[i + 3] > 0 && Math.max(r, g, bl) - Math.min(r, g, bl) > 60) {
        n++;
      }
    }
    return n;
  }

  function options(c, el) {
    /* a step's value holds from the previous x up to its own (a histogram bucket's upper bound, a time bucket's end) */
    var stepped = c.kind === "step" && uPlot.paths && uPlot.paths.stepped ? uPlot.paths.stepped({align: -1}) : null;
    var few = c.data.length > 0 && c.data[0].length <= 40;
    var series = [{label: c.x.label}];
    c.series.forEach(function (s) {
      var one = {label: s.label, stroke: s.color, width: 2, spanGaps: false, points: {show: few && !stepped, size: 6}};
      if (s.dash) {
        one.dash = [6, 4];
      }
      if (stepped) {
        one.paths = stepped;
      }
      series.push(one);
    });
    var first = true;
    return {
      width: Math.max(320, el.clientWidth - 8),
      height: 260,
      scales: {
        x: c.x.log ? {time: false, distr: 3, log: 10} : {time: false},
        y: {range: function (u, min, max) { return [Math.min(0, min), max > 0 ? max * 1.08 : 1]; }}
      },
      axes: [c.x.whole ? {label: c.x.label, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]}
                       : {label: c.x.label}, {label: c.y.label, size: 64}],
      series: series,
      hooks: {
        draw: [function (u) {
          if (!first) {
            return;
          }
          first = false;
          var points = countPoints(c.data);
          var pixels = seriesPixels(u);
          el.setAttribute("data-points", String(points));
          el.setAttribute("data-series-pixels", String(pixels));
          if (points === 0 || pixels === 0) {
            fail("chart " + c.id + " is empty (" + points + " points, " + pixels + " coloured pixels)");
          }
          drawn++;
          root.setAttribute("data-charts-drawn", String(drawn));
        }]
      }
    };
  }

  spec.charts.forEach(function (c) {
    var el = document.getElementById("chart-" + c.id);
    if (!el) {
      fail("no container for chart " + c.id);
      return;
    }
    try {
      var target = el.querySelector(".live");
      new uPlot(options(c, el), c.data, target);
      el.classList.add("js");
    } catch (e) {
      fail("chart " + c.id + ": " + e.message);
    }
  });
})();
