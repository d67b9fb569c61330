// Print, for each file, what OpenAI's cl100k_base and o200k_base make of it:
// "<path>\t<cl100k tokens>\t<o200k tokens>". Used by bench/tokens.sh.
//   node bench/tokens/count.js FILE...
const fs = require('fs');
const path = require('path');
const cl = require(path.join(__dirname, 'node_modules/gpt-tokenizer/cjs/encoding/cl100k_base'));
const o2 = require(path.join(__dirname, 'node_modules/gpt-tokenizer/cjs/encoding/o200k_base'));

for (const f of process.argv.slice(2)) {
	const text = fs.readFileSync(f, 'utf8');
	process.stdout.write(`${f}\t${cl.encode(text).length}\t${o2.encode(text).length}\n`);
}
