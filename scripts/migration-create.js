#!/usr/bin/env node
// npm run migration:create -- AddConversations
// Writes libs/db/src/migrations/<timestamp>-<Name>.ts and registers it in the MIGRATIONS list.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('usage: npm run migration:create -- PascalCaseName');
  process.exit(1);
}
const dir = join(__dirname, '../libs/db/src/migrations');
const stamp = Date.now();
const cls = `${name}${stamp}`;
writeFileSync(
  join(dir, `${stamp}-${name}.ts`),
  `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${cls} implements MigrationInterface {
  name = '${cls}';

  async up(q: QueryRunner): Promise<void> {
    // Every table carries workspace_id and every hot index leads with it.
    await q.query(\`\`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(\`\`);
  }
}
`,
);
const index = join(dir, 'index.ts');
let source = readFileSync(index, 'utf8');
const lastImport = source.lastIndexOf('\nimport ') + 1;
const afterImports = source.indexOf('\n', lastImport) + 1;
source = `${source.slice(0, afterImports)}import { ${cls} } from './${stamp}-${name}';\n${source.slice(afterImports)}`;
source = source.replace(/export const MIGRATIONS = \[([^\]]*)\]/, (_, list) => `export const MIGRATIONS = [${list.trim()}, ${cls}]`);
writeFileSync(index, source);
console.log(`created libs/db/src/migrations/${stamp}-${name}.ts and added ${cls} to MIGRATIONS`);
