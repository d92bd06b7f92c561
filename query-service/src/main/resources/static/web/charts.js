// The credence charts: reads the chart's data from <script type="application/json" id="trajectory-data"> (the
// same data as the table under the chart) and draws one stepped line per series with uPlot. Markers show the
// changes that cited reasons; hovering, or focusing the chart and pressing the arrow keys, shows a change's
// rationale and reasons in the #trajectory-detail live region. Without JavaScript the table is there.
(function () {
    "use strict";

    // Distinguishable on white (each >= 4.5:1) and for the common colour-vision deficiencies (Okabe-Ito, darkened).
    var COLOURS = ["#0b57a4", "#b35c00", "#1b6e2d", "#a4262c", "#6a3d9a", "#00707a", "#7a5c00", "#c0307a"];

    function seconds(iso) {
        return Date.parse(iso) / 1000;
    }

    function number(value) {
        return value === null || value === undefined ? "–" : value.toFixed(2);
    }

    /** Aligned uPlot data: one x per moment any series changed, each series carrying its credence forward (steps). */
    function align(chart) {
        var times = {};
        chart.series.forEach(function (series) {
            series.points.forEach(function (point) { times[seconds(point.at)] = true; });
        });
        var xs = Object.keys(times).map(Number).sort(function (a, b) { return a - b; });
        var until = chart.until ? seconds(chart.until) : null;
        if (until !== null && xs.length > 0 && until > xs[xs.length - 1]) {
            xs.push(until);
        }
        if (xs.length === 1) {
            xs.push(xs[0] + 1); // a time axis needs a span: one second after the only change
        }
        var changes = []; // per series: x index -> the change at that moment (the last one there)
        var data = [xs];
        chart.series.forEach(function (series) {
            var ys = [];
            var at = {};
            var p = 0;
            var current = null;
            xs.forEach(function (x, i) {
                while (p < series.points.length && seconds(series.points[p].at) <= x) {
                    current = series.points[p].credence;
                    at[i] = series.points[p];
                    p++;
                }
                ys.push(current);
            });
            data.push(ys);
            changes.push(at);
        });
        return { data: data, changes: changes };
    }

    function describe(chart, seriesIndex, change) {
        var series = chart.series[seriesIndex];
        var text = series.label + " at " + new Date(change.at).toISOString().replace(".000Z", "Z") + " (sequence "
            + change.sequence + "): " + (change.from === null ? "first view " : number(change.from) + " → ")
            + number(change.credence) + ".";
        if (change.rationale) {
            text += " Rationale: " + change.rationale + (/[.!?]$/.test(change.rationale) ? "" : ".");
        }
        if (change.reasons.length > 0) {
            text += " Reasons: " + change.reasons.map(function (r) {
                return (r.stance === "for" ? "for: " : r.stance === "against" ? "against: " : "") + (r.text || r.reasonId)
                    + (r.by ? " (" + r.by + ")" : "");
            }).join("; ") + ".";
        } else {
            text += " No reason cited.";
        }
        return text;
    }

    function draw(container, detail, chart) {
        var aligned = align(chart);
        // every change, in time order, for keyboard stepping: [seriesIndex, xIndex]
        var steps = [];
        aligned.changes.forEach(function (at, s) {
            Object.keys(at).forEach(function (i) { steps.push([s, Number(i)]); });
        });
        steps.sort(function (a, b) { return a[1] - b[1] || a[0] - b[0]; });

        var options = {
            width: Math.max(280, container.clientWidth - 2),
            height: container.clientWidth < 500 ? 220 : 300,
            scales: { x: { time: true }, y: { range: [0, 1] } },
            axes: [{}, { values: function (u, values) { return values.map(function (v) { return v.toFixed(1); }); } }],
            cursor: { focus: { prox: 24 } },
            series: [{}].concat(chart.series.map(function (series, s) {
                var colour = COLOURS[s % COLOURS.length];
                return {
                    label: series.label,
                    stroke: colour,
                    width: 2,
                    paths: uPlot.paths.stepped({ align: 1 }),
                    value: function (u, v) { return number(v); },
                    points: {
                        show: true,
                        space: 0,
                        size: 9,
                        fill: colour,
                        filter: function () {
                            return Object.keys(aligned.changes[s])
                                .filter(function (i) { return aligned.changes[s][i].reasons.length > 0; })
                                .map(Number);
                        }
                    }
                };
            })),
            hooks: {
                setCursor: [function (u) {
                    var i = u.cursor.idx;
                    if (i === null || i === undefined) {
                        return;
                    }
                    for (var s = 0; s < chart.series.length; s++) {
                        var focused = u.series[s + 1]._focus !== false;
                        var change = aligned.changes[s][i];
                        if (change && (focused || chart.series.length === 1)) {
                            detail.textContent = describe(chart, s, change);
                            return;
                        }
                    }
                }]
            }
        };
        var plot = new uPlot(options, aligned.data, container);
        container.dataset.rendered = "true";

        var step = -1;
        container.addEventListener("keydown", function (event) {
            if (steps.length === 0 || (event.key !== "ArrowRight" && event.key !== "ArrowLeft")) {
                return;
            }
            event.preventDefault();
            step = event.key === "ArrowRight" ? Math.min(steps.length - 1, step + 1) : Math.max(0, step - 1);
            var s = steps[step][0];
            var i = steps[step][1];
            plot.setCursor({
                left: plot.valToPos(aligned.data[0][i], "x"),
                top: plot.valToPos(aligned.data[s + 1][i], "y")
            });
            detail.textContent = describe(chart, s, aligned.changes[s][i]);
        });
        window.addEventListener("resize", function () {
            if (container.isConnected) {
                plot.setSize({ width: Math.max(280, container.clientWidth - 2), height: options.height });
            }
        });
    }

    function start() {
        var source = document.getElementById("trajectory-data");
        var container = document.getElementById("trajectory-chart");
        var detail = document.getElementById("trajectory-detail");
        if (!source || !container || typeof uPlot === "undefined") {
            return;
        }
        draw(container, detail, JSON.parse(source.textContent));
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
    // live.js swapped in a fresh <main> (the debate changed): draw again from its data
    document.addEventListener("ledger:refreshed", start);
}());
