/**
 * The page script's shared part: the embedded data, messages with plurals, Intl
 * formatters (always UTC), and DOM helpers. Plain ES2017 in a string: the page needs no
 * build step and no external file. No backquotes in here (this is a template literal).
 */
export const COMMON_JS = String.raw`
var D = JSON.parse(document.getElementById('exhibit-data').textContent);
var LOCALE = D.locale;
var RTL = D.dir === 'rtl';
var NF = new Intl.NumberFormat(LOCALE);
var PR = new Intl.PluralRules(LOCALE);
var DAY = 86400000;
var SVGNS = 'http://www.w3.org/2000/svg';

function fmt(options) {
  options.timeZone = 'UTC';
  return new Intl.DateTimeFormat(LOCALE, options);
}
var F_ROW = fmt({ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
var F_DAY = fmt({ dateStyle: 'medium' });
var F_DAYTIME = fmt({ dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
var F_TIME = fmt({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
var F_MONTH = fmt({ year: 'numeric', month: 'short' });

function msg(key, params) {
  var m = D.ui[key];
  if (m === undefined || m === null) return key;
  var count = params && typeof params.count === 'number' ? params.count : 0;
  var template = typeof m === 'string' ? m : (m[PR.select(count)] || m.other);
  return template.replace(/\{([A-Za-z_.]+)\}/g, function (whole, name) {
    var value = params ? params[name] : undefined;
    if (value === undefined) return whole;
    return typeof value === 'number' ? NF.format(value) : String(value);
  });
}

function byId(id) {
  return document.getElementById(id);
}

function element(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function svgElement(tag, attributes) {
  var node = document.createElementNS(SVGNS, tag);
  for (var name in attributes) {
    if (Object.prototype.hasOwnProperty.call(attributes, name)) node.setAttribute(name, String(attributes[name]));
  }
  return node;
}

/** Index of the first row whose time is >= ms (rows are sorted by time). */
function lowerBound(times, ms) {
  var lo = 0;
  var hi = times.length;
  while (lo < hi) {
    var mid = (lo + hi) >>> 1;
    if (times[mid] < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

var PALETTE = ['#2563eb', '#d97706', '#059669', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#854d0e', '#ea580c', '#0f766e', '#4f46e5', '#64748b', '#be123c', '#15803d', '#1e3a8a', '#a21caf'];
function colour(k) {
  return PALETTE[k % PALETTE.length];
}
var SEVERITY_COLOURS = { critical: '#7f1d1d', high: '#dc2626', medium: '#ea580c', low: '#0369a1', informational: '#6b7280' };
`;
