/**
 * The timeline chart: records per artifact in time bins (stacked bars, one colour per
 * artifact), findings marked above them, zoom by selecting a bar down to one day. Bins
 * are counted from the sorted times with two binary searches, so a zoom costs only the
 * rows in view. In right-to-left pages time runs right to left, like the text.
 */
export const CHART_JS = String.raw`
var STEPS = [60000, 300000, 900000, 1800000, 3600000, 10800000, 21600000, DAY, 7 * DAY, 30 * DAY, 91 * DAY, 365 * DAY];
var MAX_BINS = 96;
var chart = { view: FULL ? { from: FULL.from, to: FULL.to } : null, history: [], listeners: [] };

function pickStep(span) {
  for (var i = 0; i < STEPS.length; i++) if (span / STEPS[i] <= MAX_BINS) return STEPS[i];
  return STEPS[STEPS.length - 1];
}

function periodText(from, to) {
  var wholeDays = from % DAY === 0 && to % DAY === 0;
  if (wholeDays && to - from === DAY) return F_DAY.format(from);
  if (wholeDays) return msg('timeline.period', { from: F_DAY.format(from), to: F_DAY.format(to - DAY) });
  if (Math.floor(from / DAY) === Math.floor((to - 1) / DAY)) return F_DAY.format(from) + ' ' + F_TIME.format(from) + '–' + F_TIME.format(to);
  return msg('timeline.period', { from: F_DAYTIME.format(from), to: F_DAYTIME.format(to) });
}

function tickText(ms, step) {
  if (step >= 30 * DAY) return F_MONTH.format(ms);
  if (step >= DAY) return F_DAY.format(ms);
  return ms % DAY === 0 ? F_DAY.format(ms) : F_TIME.format(ms);
}

function setView(view, remember) {
  if (!view) return;
  if (remember && chart.view) chart.history.push(chart.view);
  chart.view = view;
  drawChart();
  chart.listeners.forEach(function (listener) { listener(); });
}

function zoomToDay(ms) {
  var from = Math.floor(ms / DAY) * DAY;
  setView({ from: from, to: from + DAY }, true);
}

function drawChart() {
  var host = byId('tl-chart');
  var rangeLabel = byId('tl-range');
  if (!host || !chart.view) return;
  var view = chart.view;
  var span = view.to - view.from;
  var step = pickStep(span);
  var start = Math.floor(view.from / step) * step;
  var bins = Math.max(1, Math.ceil((view.to - start) / step));
  var A = T.artifacts.length;
  var counts = new Uint32Array(bins * A);
  var totals = new Uint32Array(bins);
  var lo = lowerBound(TIMES, view.from);
  var hi = lowerBound(TIMES, view.to);
  for (var i = lo; i < hi; i++) {
    var b = Math.floor((TIMES[i] - start) / step);
    counts[b * A + T.a[i]]++;
    totals[b]++;
  }
  var max = 0;
  for (var j = 0; j < bins; j++) if (totals[j] > max) max = totals[j];

  var W = Math.max(320, host.clientWidth || 800);
  var H = 220;
  var side = 44;
  var top = 22;
  var bottom = 30;
  var plotW = W - 2 * side;
  var plotH = H - top - bottom;
  function X(ms) {
    var f = (ms - view.from) / span;
    if (RTL) f = 1 - f;
    return side + f * plotW;
  }
  var svg = svgElement('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img', 'aria-label': msg('timeline.chart') + ' — ' + periodText(view.from, view.to), class: 'tl-svg' });
  svg.appendChild(svgElement('line', { x1: side, x2: W - side, y1: top + plotH + 0.5, y2: top + plotH + 0.5, class: 'axis' }));
  if (max > 0) {
    var maxLabel = svgElement('text', { x: RTL ? W - side + 6 : side - 6, y: top + 10, class: 'tick', 'text-anchor': RTL ? 'start' : 'end' });
    maxLabel.textContent = NF.format(max);
    svg.appendChild(maxLabel);
  }
  var bars = svgElement('g', { class: 'bars' });
  for (var bin = 0; bin < bins; bin++) {
    var binFrom = Math.max(start + bin * step, view.from);
    var binTo = Math.min(start + (bin + 1) * step, view.to);
    if (binTo <= binFrom) continue;
    var x1 = X(binFrom);
    var x2 = X(binTo);
    var left = Math.min(x1, x2);
    var width = Math.max(1, Math.abs(x2 - x1) - (Math.abs(x2 - x1) > 4 ? 1 : 0));
    var y = top + plotH;
    if (totals[bin] > 0) {
      for (var k = 0; k < A; k++) {
        var c = counts[bin * A + k];
        if (c === 0) continue;
        var h = Math.max(1, (c / max) * plotH);
        y -= h;
        bars.appendChild(svgElement('rect', { x: left, y: y, width: width, height: h, fill: colour(k) }));
      }
    }
    var hit = svgElement('rect', { x: left, y: top, width: Math.max(width, 1), height: plotH, class: 'bin', 'data-from': binFrom, 'data-to': binTo });
    var tip = svgElement('title', {});
    tip.textContent = msg('timeline.binTitle', { period: periodText(binFrom, binTo), count: msg('checked.recordsCount', { count: totals[bin] }) });
    hit.appendChild(tip);
    bars.appendChild(hit);
  }
  svg.appendChild(bars);

  var every = Math.max(1, Math.ceil(bins / Math.max(2, Math.floor(plotW / 110))));
  for (var t = 0; t < bins; t += every) {
    var at = start + t * step;
    if (at < view.from) continue;
    var label = svgElement('text', { x: X(at), y: H - 10, class: 'tick', 'text-anchor': 'middle' });
    label.textContent = tickText(at, step);
    svg.appendChild(label);
  }

  var marks = svgElement('g', { class: 'marks' });
  D.findings.forEach(function (finding, index) {
    if (finding.t === null || finding.t < view.from || finding.t >= view.to) return;
    var x = X(finding.t);
    var mark = svgElement('path', { d: 'M' + (x - 6) + ' ' + (top - 14) + 'h12l-6 11z', fill: SEVERITY_COLOURS[finding.severity] || '#dc2626', class: 'mark', 'data-finding-index': index, tabindex: 0, role: 'button' });
    var tip = svgElement('title', {});
    tip.textContent = msg('timeline.findingTitle', { title: finding.title }) + ' (' + (D.severityNames[finding.severity] || finding.severity) + ', ' + F_ROW.format(finding.t) + ')';
    mark.appendChild(tip);
    marks.appendChild(mark);
    marks.appendChild(svgElement('line', { x1: x, x2: x, y1: top - 3, y2: top + plotH, class: 'mark-line' }));
  });
  svg.appendChild(marks);

  host.textContent = '';
  host.appendChild(svg);
  if (rangeLabel) rangeLabel.textContent = periodText(view.from, view.to);
  var day = byId('tl-day');
  if (day) day.value = new Date(view.from).toISOString().slice(0, 10);
  var out = byId('tl-out');
  if (out) out.disabled = chart.history.length === 0;
}

function onChartClick(event) {
  var target = event.target;
  if (!(target instanceof Element)) return;
  if (target.classList.contains('mark')) {
    showFinding(Number(target.getAttribute('data-finding-index')));
    return;
  }
  if (!target.classList.contains('bin')) return;
  var from = Number(target.getAttribute('data-from'));
  var to = Number(target.getAttribute('data-to'));
  var span = chart.view.to - chart.view.from;
  if (span <= DAY) {
    table.scrollToTime(from);
  } else if (to - from > DAY) {
    setView({ from: from, to: to }, true);
  } else {
    zoomToDay(from);
  }
}

function initChart() {
  var host = byId('tl-chart');
  host.addEventListener('click', onChartClick);
  host.addEventListener('keydown', function (event) {
    if ((event.key === 'Enter' || event.key === ' ') && event.target instanceof Element && event.target.classList.contains('mark')) {
      event.preventDefault();
      showFinding(Number(event.target.getAttribute('data-finding-index')));
    }
  });
  byId('tl-all').addEventListener('click', function () {
    chart.history = [];
    setView({ from: FULL.from, to: FULL.to }, false);
  });
  byId('tl-out').addEventListener('click', function () {
    var previous = chart.history.pop();
    if (previous) setView(previous, false);
  });
  function shift(direction) {
    var span = chart.view.to - chart.view.from;
    setView({ from: chart.view.from + direction * span, to: chart.view.to + direction * span }, true);
  }
  // Earlier and Later follow the reading direction of the chart's time axis.
  byId('tl-earlier').addEventListener('click', function () { shift(-1); });
  byId('tl-later').addEventListener('click', function () { shift(1); });
  var day = byId('tl-day');
  day.min = new Date(FULL.from).toISOString().slice(0, 10);
  day.max = new Date(FULL.to - DAY).toISOString().slice(0, 10);
  day.addEventListener('change', function () {
    var ms = Date.parse(day.value + 'T00:00:00Z');
    if (!isNaN(ms)) zoomToDay(ms);
  });
  var legend = byId('tl-legend');
  T.artifacts.forEach(function (title, k) {
    var item = element('li');
    var swatch = svgElement('svg', { width: 12, height: 12, viewBox: '0 0 12 12', 'aria-hidden': 'true' });
    swatch.appendChild(svgElement('rect', { width: 12, height: 12, rx: 2, fill: colour(k) }));
    item.appendChild(swatch);
    item.appendChild(element('span', null, title));
    legend.appendChild(item);
  });
  var pending = 0;
  window.addEventListener('resize', function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(drawChart);
  });
  drawChart();
}
`;
