// npm run validate:configs [-- <folder>]
// Validates every file under content/configs/ (or the folder given) with the validator its folder
// names, prints each problem as path:line: message, and exits 1 when there is any.
import { join, relative, resolve } from 'node:path';
import { openConfigFolder } from '../src/lib/config-validation/config-folder.ts';

const folder = openConfigFolder(process.argv[2] ? resolve(process.argv[2]) : undefined);
let count = 0;
for (const file of folder.files) {
  for (const problem of folder.validate(file)) {
    count++;
    const where = relative(process.cwd(), join(folder.root, problem.file));
    console.log(`${where}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`);
  }
}
const summary = `${folder.files.length} config file(s) checked, ${count} problem(s).`;
if (count) {
  console.error(summary);
  process.exit(1);
}
console.log(summary);
