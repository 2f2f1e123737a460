/**
 * `saleswings-sync prospect <id|email>`: why a prospect's Leads and Contacts did or did not take
 * its SalesWings data. Reads the org (as the worker does, from configuration) and the prospect's
 * match workflow runs in Temporal; writes nothing.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { ConfigError } from '../../errors';
import { createGateway } from '../../worker-deps';
import { matchProspectWorkflowId } from '../../workflows/ids';
import { EXIT, type CliContext } from '../cli-context';
import { TemporalUnavailableError } from '../connect';
import { formatProspectReport, type ProspectEntry, type ProspectReport } from '../prospect-format';
import { DEFAULT_UI_URL, matchHistory, workflowUrl, type MatchHistory } from '../prospect-history';
import { lookupProspectsInOrg, parseProspectQuery, type ProspectInOrg } from '../prospect-lookup';
import { describeProblem } from '../visibility';

function prospectArgument(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('expected a SalesWings prospect id or an email');
  return value;
}

function httpUrl(value: string): string {
  if (!/^https?:\/\/[^\s/]+/.test(value)) throw new InvalidArgumentError('expected an http(s) URL such as http://localhost:8233');
  return value;
}

/** The Salesforce configuration `prospect` needs, named as `npm start` prints it for the embedded stack. */
export const SALESFORCE_NOT_CONFIGURED = new ConfigError('`prospect` reads the Salesforce org, but Salesforce is not configured:', [
  {
    path: 'SALESFORCE_AUTH_MODE',
    message:
      'not set. Set the SALESFORCE_* variables of your org (README, Configuration); against the embedded stack (`npm start`) set the ' +
      'Salesforce emulator variables it prints: SALESFORCE_AUTH_MODE=client_credentials, SALESFORCE_LOGIN_URL=<emulator URL>, ' +
      'SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET',
  },
]);

export function registerProspectCommand(program: Command, ctx: CliContext): void {
  program
    .command('prospect')
    .description("why a prospect's Leads/Contacts did or did not update: its sync state, the records linked or not (with the reason), its match workflow runs")
    .argument('<id|email>', 'SalesWings prospect id (SW_Id__c), or an email (trimmed, case-insensitive; several prospects may match)', prospectArgument)
    .option('--json', 'print one JSON object')
    .option('--ui <url>', 'Temporal Web UI base URL for links', httpUrl, DEFAULT_UI_URL)
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  saleswings-sync prospect 5f1c2a9e',
        '  saleswings-sync prospect " Ada.Lovelace@Example.com"',
        '  saleswings-sync prospect ada@example.com --json | jq ".prospects[].records[] | {id, updated, reason}"',
        '  saleswings-sync prospect 5f1c2a9e --ui https://cloud.temporal.io',
        '',
        'Needs the Salesforce configuration the worker uses (SALESFORCE_*). Against the embedded stack',
        '(`npm start`), set the Salesforce emulator variables it prints first.',
      ].join('\n'),
    )
    .action(async (input: string, opts: { json?: boolean; ui: string }) => {
      const { settings, syncOptions } = ctx.config();
      if (!settings.salesforce) throw SALESFORCE_NOT_CONFIGURED;
      const query = parseProspectQuery(input);
      const maxAttempts = syncOptions.matching.maxAttempts;
      const gateway = await createGateway(settings.salesforce, syncOptions);
      const inOrg = await lookupProspectsInOrg(gateway, query, maxAttempts);

      // The org part answers most questions; Temporal being down must not hide it.
      let temporalDown: TemporalUnavailableError | undefined;
      const client = inOrg.length === 0 ? undefined : await ctx.client().catch((error: unknown) => {
        if (!(error instanceof TemporalUnavailableError)) throw error;
        temporalDown = error;
        return undefined;
      });
      const historyOf = async (found: ProspectInOrg): Promise<MatchHistory> => {
        const workflowId = matchProspectWorkflowId(settings.connection, found.prospect.swId);
        const fallback = { workflowId, url: workflowUrl(opts.ui, settings.temporal.namespace, workflowId), runs: [] };
        if (!client) return { ...fallback, problem: 'Temporal is unreachable' };
        return matchHistory(client, { connection: settings.connection, prospectId: found.prospect.swId, namespace: settings.temporal.namespace, uiBase: opts.ui }).catch(
          (error: unknown) => ({ ...fallback, problem: describeProblem(error) }),
        );
      };
      const prospects: ProspectEntry[] = await Promise.all(inOrg.map(async (found) => ({ ...found, matchWorkflow: await historyOf(found) })));
      const report: ProspectReport = { query, connection: settings.connection, maxAttempts, prospects };
      ctx.out(opts.json ? JSON.stringify(report) : formatProspectReport(report));

      if (prospects.length === 0) ctx.setExitCode(EXIT.failed);
      if (temporalDown) {
        ctx.err(temporalDown.message);
        ctx.setExitCode(EXIT.unavailable);
      }
    });
}
