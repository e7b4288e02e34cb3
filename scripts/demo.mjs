// `npm run demo`: lint examples/ with eslint-plugin-breakwater's recommended config and print the findings.
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'examples', 'eslint.config.mjs') });
const results = await eslint.lintFiles(['examples']);
const formatter = await eslint.loadFormatter('stylish');
process.stdout.write(await formatter.format(results));

const byRule = new Map();
for (const message of results.flatMap((result) => result.messages)) {
  byRule.set(message.ruleId, (byRule.get(message.ruleId) ?? 0) + 1);
}
console.log('Findings by rule:');
for (const [rule, count] of [...byRule].sort()) console.log(`  ${rule}: ${count}`);
if (results.some((result) => result.messages.some((message) => message.fatal))) process.exitCode = 1;
