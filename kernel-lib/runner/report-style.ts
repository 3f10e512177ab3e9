/** The stylesheet of HTML reports (inline, so the page stays self-contained). */
export const REPORT_CSS = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; margin: 0; background: #fafafa; }
header, main { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
h1.report-title { font-size: 1.4em; margin: 24px 0 8px; }
table.run { border-collapse: collapse; margin-bottom: 24px; font-size: 13px; }
table.run th { text-align: left; padding: 2px 12px 2px 0; color: #555; font-weight: 600; vertical-align: top; }
table.run td { padding: 2px 0; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; }
table.run.failed tr:nth-child(2) td { color: #b00020; font-weight: 600; }
section.cell { margin: 12px 0; }
section.cell.markdown { padding: 0 8px; }
.input { position: relative; }
.prompt { display: block; color: #303f9f; font: 12px ui-monospace, monospace; }
.tag { display: inline-block; margin-left: 8px; padding: 0 6px; border-radius: 3px; background: #e8eaf6; color: #303f9f; font-size: 11px; }
pre { margin: 0; padding: 8px 10px; overflow-x: auto; font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; }
pre.source { background: #f0f0f0; border: 1px solid #ddd; border-radius: 3px; }
.outputs { padding: 6px 0 0 0; }
.outputs > * { margin: 4px 0; }
pre.stream.stderr { background: #fdecea; }
pre.error { background: #fdecea; color: #b00020; border-left: 4px solid #b00020; }
.display table { border-collapse: collapse; font-size: 13px; }
.display th, .display td { border: 1px solid #ddd; padding: 2px 8px; }
.display thead th { background: #f0f0f0; }
.display caption { caption-side: top; text-align: left; font-weight: 600; padding: 4px 0; }
.display img { max-width: 100%; }
.display .samced-table { overflow-x: auto; }
table.drops { border-collapse: collapse; font-size: 12px; }
table.drops th, table.drops td { border: 1px solid #ddd; padding: 1px 6px; font-weight: normal; text-align: left; }
table.drops th { background: #f0f0f0; color: #555; }
table.drops td.n { text-align: right; }
table.drops td.digest { word-break: break-all; }
@media print {
  /* wide tables wrap inside the page instead of being cut off at its edge */
  body { background: #fff; font-size: 11px; }
  header, main { max-width: none; padding: 0; }
  .display .samced-table, pre { overflow: visible; }
  .display table { font-size: 9px; table-layout: auto; width: 100%; }
  .display th, .display td { word-break: break-word; overflow-wrap: anywhere; padding: 1px 3px; }
  table.run td { word-break: break-all; }
  section.cell, .samced-chart, tr { break-inside: avoid; }
}
`;
