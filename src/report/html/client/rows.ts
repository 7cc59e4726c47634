/** The page script's view of the timeline rows: absolute times, findings per row, full period. */
export const ROWS_JS = String.raw`
var T = D.timeline;
var N = T.t.length;
var TIMES = new Float64Array(N);
(function () {
  var acc = T.t0;
  for (var i = 0; i < N; i++) {
    acc += T.t[i];
    TIMES[i] = acc;
  }
})();

/** row -> indexes of the findings resting on its record */
var ROW_FINDINGS = new Map();
T.findingRows.forEach(function (pair) {
  var list = ROW_FINDINGS.get(pair[0]);
  if (!list) ROW_FINDINGS.set(pair[0], (list = []));
  list.push(pair[1]);
});

function firstRowOfFinding(index) {
  for (var i = 0; i < T.findingRows.length; i++) if (T.findingRows[i][1] === index) return T.findingRows[i][0];
  return -1;
}

/** The whole period, in whole UTC days, covering every row and every dated finding. */
var FULL = (function () {
  var lo = Infinity;
  var hi = -Infinity;
  if (N > 0) {
    lo = TIMES[0];
    hi = TIMES[N - 1];
  }
  D.findings.forEach(function (f) {
    if (f.t === null) return;
    if (f.t < lo) lo = f.t;
    if (f.t > hi) hi = f.t;
  });
  if (lo === Infinity) return null;
  var from = Math.floor(lo / DAY) * DAY;
  var to = Math.max(Math.floor(hi / DAY) * DAY + DAY, from + DAY);
  return { from: from, to: to };
})();

function sourceText(i) {
  var label = T.sources[T.p[i]] || '';
  return T.n[i] >= 0 ? label.replace('{n}', String(T.n[i])) : label;
}
`;
