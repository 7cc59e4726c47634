/** Starts the page script: the timeline, "show in the timeline" buttons, and printing. */
export const BOOT_JS = String.raw`
function showFinding(index) {
  var finding = D.findings[index];
  if (!finding || !chart.view) return;
  var row = firstRowOfFinding(index);
  var at = row >= 0 ? TIMES[row] : finding.t;
  if (at === null || at === undefined) return;
  table.clearFilters();
  byId('tl-period').checked = true;
  zoomToDay(at);
  if (row >= 0) table.scrollToRow(row);
  else table.scrollToTime(at);
  var section = byId('annex-timeline');
  if (section && section.scrollIntoView) section.scrollIntoView({ block: 'start' });
  var viewport = byId('tl-viewport');
  if (viewport) viewport.focus({ preventScroll: true });
}

function initTimeline() {
  var box = byId('tl');
  if (!box) return;
  if (!FULL) {
    byId('tl-none').hidden = false;
    return;
  }
  box.hidden = false;
  initChart();
  table.init();
  Array.prototype.forEach.call(document.querySelectorAll('button.show-in-timeline'), function (button) {
    var index = Number(button.getAttribute('data-finding-index'));
    var finding = D.findings[index];
    if (!finding || (finding.t === null && firstRowOfFinding(index) < 0)) return;
    button.hidden = false;
    button.addEventListener('click', function () { showFinding(index); });
  });
}

// Closed <details> do not print: open them all for printing, and close them again after.
var openedForPrint = [];
window.addEventListener('beforeprint', function () {
  openedForPrint = Array.prototype.slice.call(document.querySelectorAll('details:not([open])'));
  openedForPrint.forEach(function (d) { d.open = true; });
  drawChart();
});
window.addEventListener('afterprint', function () {
  openedForPrint.forEach(function (d) { d.open = false; });
  openedForPrint = [];
  drawChart();
});

document.documentElement.classList.add('js');
initTimeline();
`;
