#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEMO_USAGE, demoCommand } from './cli/demo.command';
import { FAKE_PLATFORM_USAGE, fakePlatformCommand } from './cli/fake-platform.command';
import { UsageError } from './cli/options';
import { SEND_FIXTURES_USAGE, sendFixturesCommand } from './cli/send-fixtures.command';
import { WORKSPACE_USAGE, workspaceCommand } from './cli/workspace.command';

type Values = Record<string, string | boolean | undefined>;

const COMMANDS: Record<string, { run: (values: Values) => Promise<void>; options: Record<string, { type: 'string' | 'boolean' }> }> = {
  'fake-platform': { run: fakePlatformCommand, options: { port: { type: 'string' }, host: { type: 'string' }, quiet: { type: 'boolean' } } },
  demo: {
    run: demoCommand,
    options: {
      desk: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      'fake-port': { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      seed: { type: 'string' },
    },
  },
  'send-fixtures': { run: sendFixturesCommand, options: { desk: { type: 'string' }, token: { type: 'string' }, 'fake-url': { type: 'string' } } },
  workspace: {
    run: workspaceCommand,
    options: { desk: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' }, rate: { type: 'string' }, 'fake-port': { type: 'string' } },
  },
};

const USAGE = `Usage: npm run simulate -- <command> [options]

  ${FAKE_PLATFORM_USAGE}

  ${DEMO_USAGE}

  ${SEND_FIXTURES_USAGE}

  ${WORKSPACE_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.log(USAGE);
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  try {
    const { values } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false });
    await command.run(values as Values);
    return 0;
  } catch (err) {
    const usage = err instanceof UsageError || (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'));
    console.error(usage ? `${(err as Error).message}\n\n${USAGE}` : `simulate ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    return usage ? 2 : 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
