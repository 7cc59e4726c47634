/** The timeline's markup: the page script fills the chart and the table from the embedded data. */
import { html, type Html } from './html.js';
import type { RenderContext } from './render-context.js';

export function timelineAnnex(ctx: RenderContext): Html {
  const { tr } = ctx;
  return html`<section id="annex-timeline" aria-labelledby="annex-timeline-h">
<h2 id="annex-timeline-h">${tr.t('annex.timeline')}</h2>
<p>${tr.t('timeline.intro')}</p>
<noscript><p class="warning">${tr.t('timeline.noscript')}</p></noscript>
<p id="tl-none" hidden>${tr.t('timeline.none')}</p>
<div id="tl" class="timeline" hidden>
<div class="tl-toolbar" role="toolbar" aria-label="${tr.t('timeline.chart')}">
<button type="button" id="tl-all">${tr.t('timeline.all')}</button>
<button type="button" id="tl-out">${tr.t('timeline.zoomOut')}</button>
<button type="button" id="tl-earlier">${tr.t('timeline.earlier')}</button>
<button type="button" id="tl-later">${tr.t('timeline.later')}</button>
<label>${tr.t('timeline.day')} <input type="date" id="tl-day"></label>
<span id="tl-range" class="tl-range" aria-live="polite"></span>
</div>
<div id="tl-chart" class="tl-chart"></div>
<ul id="tl-legend" class="tl-legend"></ul>
<div class="tl-filters no-print">
<label>${tr.t('timeline.filter')} <input type="search" id="tl-q" placeholder="${tr.t('timeline.filterHint')}" autocomplete="off"></label>
<label>${tr.t('timeline.artifact')} <select id="tl-artifact"><option value="">${tr.t('timeline.allArtifacts')}</option></select></label>
<label class="check"><input type="checkbox" id="tl-findings"> ${tr.t('timeline.findingsOnly')}</label>
<label class="check"><input type="checkbox" id="tl-period" checked> ${tr.t('timeline.periodOnly')}</label>
<span id="tl-count" class="tl-count" aria-live="polite"></span>
</div>
<div class="tl-table no-print" role="table" aria-label="${tr.t('annex.timeline')}">
<div class="tl-row tl-head" role="row" aria-rowindex="1">
<div class="tl-cell c0" role="columnheader">${tr.t('timeline.col.time')}</div>
<div class="tl-cell c1" role="columnheader">${tr.t('timeline.col.artifact')}</div>
<div class="tl-cell c2" role="columnheader">${tr.t('timeline.col.event')}</div>
<div class="tl-cell c3" role="columnheader">${tr.t('timeline.col.summary')}</div>
<div class="tl-cell c4" role="columnheader">${tr.t('timeline.col.source')}</div>
</div>
<div id="tl-viewport" class="tl-viewport" tabindex="0" role="rowgroup"><div id="tl-spacer" class="tl-spacer"><div id="tl-rows" class="tl-rows"></div></div></div>
<p id="tl-empty" class="tl-empty" hidden>${tr.t('timeline.empty')}</p>
</div>
<p class="print-only">${tr.t('timeline.print')}</p>
</div>
</section>`;
}
