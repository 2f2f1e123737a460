/**
 * The static "Details" of a sync run in the Temporal Web UI: what started it and where to look
 * next. Set once at start; the live step table is in Current Details.
 */
import { syncStateWorkflowId } from '../workflows/ids';

export function runDetailsText(connection: string, startedBy: string): string {
  return [
    `**SalesWings ⇄ Salesforce sync** of connection \`${connection}\` (${startedBy}).`,
    '',
    '- Live figures: *Current Details* below, or query `progress`.',
    `- Full-sync requests, watermark, run lease: workflow \`${syncStateWorkflowId(connection)}\` (query \`state\`, signal \`requestFullSync\`).`,
    `- A prospect's attempts: search \`ProspectId = "<id>"\`; failing ones: \`MatchStatus = "Failed"\`.`,
    '- CLI: `saleswings-sync sync status`, `sync report`, `prospect <id|email>`.',
  ].join('\n');
}
