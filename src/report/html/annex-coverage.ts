/** What each artifact gave: read, absent, unsupported or failed, with the files and issues. */
import { html, type Html } from './html.js';
import { artifactTitle, mono, type RenderContext } from './render-context.js';

export function coverageAnnex(ctx: RenderContext): Html {
  const { tr, model } = ctx;
  const vocabulary = tr.pack.vocabulary;
  return html`<section id="annex-coverage" aria-labelledby="annex-coverage-h">
<h2 id="annex-coverage-h">${tr.t('annex.coverage')}</h2>
<div class="table-wrap"><table class="coverage">
<thead><tr><th>${tr.t('coverage.artifact')}</th><th>${tr.t('coverage.status')}</th><th class="num">${tr.t('coverage.records')}</th><th>${tr.t('coverage.files')}</th><th>${tr.t('coverage.notes')}</th></tr></thead>
<tbody>${model.coverage.map((entry) => {
    const problem = entry.status === 'failed' || entry.status === 'unsupported';
    const issues = entry.issues.map(
      (issue) => html`<li>${vocabulary.issue[issue.code] ?? issue.code}${issue.path ? html` ${mono(issue.path)}` : ''}</li>`,
    );
    const recorded = problem && entry.message ? html`<p class="small">${tr.t('coverage.recorded')} <q lang="en">${entry.message}</q></p>` : '';
    return html`<tr class="status-${entry.status}">
<td>${artifactTitle(ctx, entry.artifact)}<br>${mono(entry.artifact)}</td>
<td><span class="status">${vocabulary.status[entry.status] ?? entry.status}</span></td>
<td class="num">${tr.number(entry.records)}</td>
<td>${entry.files.length > 0 ? html`<ul class="files">${entry.files.map((file) => html`<li>${mono(file)}</li>`)}</ul>` : ''}</td>
<td>${issues.length > 0 ? html`<ul class="issues">${issues}</ul>` : ''}${recorded}</td>
</tr>`;
  })}</tbody>
</table></div>
${model.problems.length > 0
  ? html`<h3>${tr.t('coverage.problems')}</h3>
<div class="table-wrap"><table class="problems">
<thead><tr><th>${tr.t('acq.path')}</th><th>${tr.t('coverage.problem')}</th><th>${tr.t('coverage.detail')}</th></tr></thead>
<tbody>${model.problems.map(
      (problem) => html`<tr><td>${mono(problem.path)}</td><td>${vocabulary.sourceProblem[problem.code] ?? problem.code}</td><td><q lang="en">${problem.message}</q></td></tr>`,
    )}</tbody>
</table></div>`
  : ''}
</section>`;
}
