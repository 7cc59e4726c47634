/**
 * The timeline table under the chart: a virtualised list (only the rows on screen exist
 * in the DOM, recycled while scrolling) over the filtered row indexes, so 500,000 rows
 * scroll like 50. Filters: the chart's period, words, an artifact, rows with findings.
 */
export const TABLE_JS = String.raw`
var ROW_HEIGHT = 28;
var OVERSCAN = 10;
// Browsers cap an element's height (about 16.7 million pixels in Firefox); beyond that
// the scroll position is mapped onto the rows proportionally.
var MAX_HEIGHT = 12000000;

var table = (function () {
  var viewport, spacer, rowsHost, countLabel;
  var list = null; // Int32Array of row indexes, or null for the contiguous range below
  var rangeLo = 0;
  var rangeHi = 0;
  var pool = [];
  var lowered = null;
  var focusRow = -1;

  function size() {
    return list ? list.length : rangeHi - rangeLo;
  }

  function rowAt(position) {
    return list ? list[position] : rangeLo + position;
  }

  function positionOf(row) {
    if (!list) return row >= rangeLo && row < rangeHi ? row - rangeLo : -1;
    var lo = 0;
    var hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (list[mid] < row) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length && list[lo] === row ? lo : -1;
  }

  function textMatcher(query) {
    if (!lowered) lowered = T.strings.map(function (s) { return s.toLowerCase(); });
    function flags(values) {
      var out = new Uint8Array(values.length);
      for (var i = 0; i < values.length; i++) out[i] = values[i].toLowerCase().indexOf(query) >= 0 ? 1 : 0;
      return out;
    }
    var strings = new Uint8Array(lowered.length);
    for (var i = 0; i < lowered.length; i++) strings[i] = lowered[i].indexOf(query) >= 0 ? 1 : 0;
    var artifacts = flags(T.artifacts.map(function (title, k) { return title + ' ' + T.artifactIds[k]; }));
    var meanings = flags(T.meanings);
    var sources = flags(T.sources.map(function (label, k) { return label + ' ' + T.paths[k]; }));
    return function (row) {
      return strings[T.s[row]] || artifacts[T.a[row]] || meanings[T.m[row]] || sources[T.p[row]];
    };
  }

  function refresh(keepScroll) {
    var periodOnly = byId('tl-period').checked && chart.view;
    var lo = periodOnly ? lowerBound(TIMES, chart.view.from) : 0;
    var hi = periodOnly ? lowerBound(TIMES, chart.view.to) : N;
    var query = byId('tl-q').value.trim().toLowerCase();
    var artifact = byId('tl-artifact').value;
    var findingsOnly = byId('tl-findings').checked;
    rangeLo = lo;
    rangeHi = hi;
    if (query === '' && artifact === '' && !findingsOnly) {
      list = null;
    } else {
      var match = query === '' ? null : textMatcher(query);
      var wanted = artifact === '' ? -1 : Number(artifact);
      var out = new Int32Array(Math.max(0, hi - lo));
      var count = 0;
      for (var row = lo; row < hi; row++) {
        if (wanted >= 0 && T.a[row] !== wanted) continue;
        if (findingsOnly && !ROW_FINDINGS.has(row)) continue;
        if (match && !match(row)) continue;
        out[count++] = row;
      }
      list = out.subarray(0, count);
    }
    countLabel.textContent = msg('timeline.rows', { shown: size(), total: N, count: N });
    byId('tl-empty').hidden = size() > 0;
    if (!keepScroll) viewport.scrollTop = 0;
    layout();
  }

  function makeRow() {
    var row = element('div', 'tl-row');
    row.setAttribute('role', 'row');
    for (var c = 0; c < 5; c++) {
      var cell = element('div', 'tl-cell c' + c);
      cell.setAttribute('role', 'cell');
      row.appendChild(cell);
    }
    // The finding badge stays outside the summary's own direction, which follows its text.
    var badge = element('span', 'tl-hit', msg('timeline.finding'));
    badge.hidden = true;
    var text = element('span', 'tl-text');
    text.setAttribute('dir', 'auto');
    row.children[3].appendChild(badge);
    row.children[3].appendChild(text);
    row.children[4].setAttribute('dir', 'auto');
    rowsHost.appendChild(row);
    return row;
  }

  function fill(node, row, position) {
    var cells = node.children;
    cells[0].textContent = F_ROW.format(TIMES[row]);
    cells[1].textContent = T.artifacts[T.a[row]];
    cells[1].title = T.artifacts[T.a[row]];
    cells[2].textContent = T.meanings[T.m[row]];
    var findings = ROW_FINDINGS.get(row);
    cells[3].firstChild.hidden = !findings;
    cells[3].lastChild.textContent = T.strings[T.s[row]];
    cells[3].title = T.strings[T.s[row]];
    cells[4].textContent = sourceText(row);
    cells[4].title = T.paths[T.p[row]];
    node.className = 'tl-row' + (findings ? ' hit' : '') + (row === focusRow ? ' focus' : '') + (position % 2 ? ' odd' : '');
    node.setAttribute('aria-rowindex', String(position + 2));
  }

  function layout() {
    var total = size();
    var full = total * ROW_HEIGHT;
    var height = Math.min(full, MAX_HEIGHT);
    spacer.style.height = height + 'px';
    var viewHeight = viewport.clientHeight || 480;
    var visible = Math.ceil(viewHeight / ROW_HEIGHT) + 1;
    var scrollTop = viewport.scrollTop;
    var first;
    var offset;
    if (full <= MAX_HEIGHT) {
      first = Math.floor(scrollTop / ROW_HEIGHT);
      offset = first * ROW_HEIGHT;
    } else {
      var fraction = scrollTop / Math.max(1, height - viewHeight);
      first = Math.floor(fraction * Math.max(0, total - visible + 1));
      offset = scrollTop;
    }
    first = Math.max(0, Math.min(first, Math.max(0, total - 1)));
    var start = Math.max(0, first - (full <= MAX_HEIGHT ? OVERSCAN : 0));
    var end = Math.min(total, first + visible + OVERSCAN);
    var needed = Math.max(0, end - start);
    while (pool.length < needed) pool.push(makeRow());
    for (var i = 0; i < pool.length; i++) {
      var node = pool[i];
      if (i < needed) {
        node.hidden = false;
        fill(node, rowAt(start + i), start + i);
      } else {
        node.hidden = true;
      }
    }
    rowsHost.style.transform = 'translateY(' + (offset - (first - start) * ROW_HEIGHT) + 'px)';
    viewport.setAttribute('aria-rowcount', String(total + 1));
  }

  function scrollToPosition(position) {
    var total = size();
    var full = total * ROW_HEIGHT;
    var viewHeight = viewport.clientHeight || 480;
    if (full <= MAX_HEIGHT) {
      viewport.scrollTop = Math.max(0, position * ROW_HEIGHT - viewHeight / 3);
    } else {
      var visible = Math.ceil(viewHeight / ROW_HEIGHT) + 1;
      viewport.scrollTop = (position / Math.max(1, total - visible + 1)) * (MAX_HEIGHT - viewHeight);
    }
    layout();
  }

  function scrollToRow(row) {
    focusRow = row;
    var position = positionOf(row);
    if (position < 0) return false;
    scrollToPosition(position);
    return true;
  }

  function scrollToTime(ms) {
    var row = lowerBound(TIMES, ms);
    var position = list ? lowerBound(list, row) : row - rangeLo;
    scrollToPosition(Math.max(0, Math.min(position, size() - 1)));
  }

  function init() {
    viewport = byId('tl-viewport');
    spacer = byId('tl-spacer');
    rowsHost = byId('tl-rows');
    countLabel = byId('tl-count');
    var select = byId('tl-artifact');
    T.artifacts.forEach(function (title, k) {
      var option = element('option', null, title);
      option.value = String(k);
      select.appendChild(option);
    });
    var frame = 0;
    viewport.addEventListener('scroll', function () {
      if (frame) return;
      frame = requestAnimationFrame(function () {
        frame = 0;
        layout();
      });
    }, { passive: true });
    var timer = 0;
    byId('tl-q').addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { refresh(false); }, 200);
    });
    ['tl-artifact', 'tl-findings', 'tl-period'].forEach(function (id) {
      byId(id).addEventListener('change', function () { refresh(false); });
    });
    chart.listeners.push(function () {
      if (byId('tl-period').checked) refresh(false);
    });
    refresh(false);
  }

  function clearFilters() {
    byId('tl-q').value = '';
    byId('tl-artifact').value = '';
    byId('tl-findings').checked = false;
  }

  return { init: init, refresh: refresh, scrollToRow: scrollToRow, scrollToTime: scrollToTime, clearFilters: clearFilters, layout: layout };
})();
`;
