// Write the samples bench/tokens.sh measures the token estimate on, into OUT:
//   raw-<kind>-N.txt   slices of real logs: for each file, up to 3 of about 4 KB (its
//                      start, middle and end, cut at line ends); the files are read from
//                      standard input, one "KIND<tab>PATH" a line
//   random-N.txt       text no tokenizer has seen: base64, hex, mixed-case letters,
//                      letters and digits, CJK; from a fixed seed, the same every run
//   syllables-N.txt    made-up words of random syllables ("bakotefi"), the one kind of
//                      text the estimate is known to count low
//   node bench/tokens/corpus.js OUT < LIST
const fs = require('fs');
const path = require('path');
const out = process.argv[2];
const inputs = fs.readFileSync(0, 'utf8').split('\n').filter((l) => l.includes('\t'));
const SLICE = 4096;

let seed = 20261207;
function rand(n) { // xorshift32: the same samples every run
	seed ^= seed << 13; seed >>>= 0;
	seed ^= seed >>> 17;
	seed ^= seed << 5; seed >>>= 0;
	return seed % n;
}
const pick = (s) => s[rand(s.length)];

let count = 0;
function put(kind, text) {
	fs.writeFileSync(path.join(out, `${kind}-${String(++count).padStart(4, '0')}.txt`), text);
}

function slices(kind, file) {
	const text = fs.readFileSync(file, 'utf8');
	if (text.length <= SLICE) {
		if (text.length)
			put(`raw-${kind}`, text);
		return;
	}
	for (const at of [0, (text.length - SLICE) >> 1, text.length - SLICE]) {
		const from = at ? text.indexOf('\n', at) + 1 : 0;
		const end = text.lastIndexOf('\n', from + SLICE);
		if (from > 0 && end > from)
			put(`raw-${kind}`, text.slice(from, end + 1));
		else if (!at)
			put(`raw-${kind}`, text.slice(0, end > 0 ? end + 1 : SLICE));
	}
}

for (const line of inputs) {
	const tab = line.indexOf('\t');
	slices(line.slice(0, tab), line.slice(tab + 1));
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LETTERS = B64.slice(0, 52), ALNUM = B64.slice(0, 62), HEX = '0123456789abcdef';
const C = 'bcdfghjklmnprstvwz', V = 'aeiou';
const run = (alphabet, n) => Array.from({length: n}, () => pick(alphabet)).join('');
const lines = (f) => Array.from({length: 40}, f).join('\n') + '\n';
const syllables = (n) => Array.from({length: n}, () => pick(C) + pick(V)).join('');
for (let i = 0; i < 4; i++) {
	put('random', lines(() => run(B64, 76)));
	put('random', lines(() => run(HEX, 64)));
	put('random', lines(() => run(LETTERS, 60)));
	put('random', lines(() => Array.from({length: 8}, () => run(ALNUM, 3 + rand(12))).join(' ')));
	put('random', lines(() => Array.from({length: 30}, () => String.fromCodePoint(0x4e00 + rand(0x5200))).join('')));
	for (const sep of [' ', '.', '/', '_'])
		put('syllables', lines(() => Array.from({length: 8}, () => syllables(1 + rand(4))).join(sep)));
}
