/**
 * `saleswings-sync`: the operator's command line (docs/cli.md).
 */
import { Command, CommanderError } from 'commander';
import { createCliContext, exitCodeFor, EXIT, type CliContext } from './cli-context';
import { registerCodecServerCommand } from './codec-server';
import { registerScheduleCommands } from './commands/schedule-commands';
import { registerProspectCommand } from './commands/prospect-command';
import { registerReportCommand } from './commands/report-command';
import { registerStatusCommand } from './commands/status-command';
import { registerSyncCommands } from './commands/sync-commands-cli';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('saleswings-sync')
    .description('Durable SalesWings ⇄ Salesforce sync on Temporal: schedules, runs, reports.\nConfiguration comes from the environment (see README, Configuration).')
    .exitOverride()
    // Help and usage errors go through the context, so they can be captured like any output.
    .configureOutput({ writeOut: (text) => ctx.out(text.replace(/\n$/, '')), writeErr: (text) => ctx.err(text.replace(/\n$/, '')) })
    .showHelpAfterError();
  registerScheduleCommands(program, ctx);
  const sync = registerSyncCommands(program, ctx);
  registerStatusCommand(sync, ctx);
  registerReportCommand(sync, ctx);
  registerProspectCommand(program, ctx);
  registerCodecServerCommand(program, ctx);
  program.addHelpText(
    'after',
    `\nExit codes: ${EXIT.ok} ok, ${EXIT.failed} the operation failed, ${EXIT.config} bad usage or configuration, ${EXIT.unavailable} Temporal unreachable.`,
  );
  return program;
}

/** Runs the CLI; returns the exit code. */
export async function runCli(argv: readonly string[], ctx: CliContext = createCliContext()): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode() ?? (typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.config;
    return exitCodeFor(error, (line) => ctx.err(line));
  } finally {
    await ctx.close();
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
