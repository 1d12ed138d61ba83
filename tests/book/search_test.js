// The book's search finds a word in every page whose source uses it, with the book's own
// lunr.js, index (booksearch/documents.js) and search code (booksearch.js), under node.
//   node search_test.js HTML_DIR READING_ORDER WORD [--text-only] [--titles-only-index]
// --text-only: the word must be in no page or section title, so only the text can find it.
// --titles-only-index: search an index stripped of the text; this must fail (tests/book).
"use strict";
const fs = require("fs");
const path = require("path");
const [dir, order, word, ...flags] = process.argv.slice(2);
const lunr = require(path.resolve(dir, "booksearch/lunr.min.js"));
const BookSearch = require(path.resolve(dir, "booksearch/booksearch.js"));
let documents = require(path.resolve(dir, "booksearch/documents.js"));
if (flags.includes("--titles-only-index")) documents = documents.map((d) => ({ ...d, text: "" }));

let failures = 0;
const expect = (ok, message) => { if (!ok) { console.error("search: " + message); ++failures; } };

// The pages whose source mentions the word, from the reading order: no page list typed here.
const wanted = [];
for (const line of fs.readFileSync(order, "utf8").split("\n").filter(Boolean)) {
  const [role, source] = line.split("\t");
  if (role === "root") continue;  // the source tree, not a page
  const text = fs.readFileSync(source, "utf8");
  const label = /\{#([a-z0-9_]+)\}/.exec(text.split("\n")[0])[1];
  if (text.toLowerCase().includes(word.toLowerCase())) {
    wanted.push(label === "mainpage" ? "index.html" : label + ".html");
  }
}
expect(wanted.length > 0, `no page of the book uses "${word}"`);

const index = BookSearch.build(lunr, documents);
const found = new Set(BookSearch.search(lunr, index, documents, word, 10000)
  .map((hit) => hit.document.url.split("#")[0]));
for (const page of wanted) expect(found.has(page), `searching "${word}" does not find ${page}`);
if (flags.includes("--text-only")) {
  const titled = documents.filter((d) => (d.page + " " + d.title).toLowerCase().includes(word.toLowerCase()));
  expect(titled.length === 0, `"${word}" is in the title of ${titled.map((d) => d.url).join(", ")}`);
}
const nothing = BookSearch.search(lunr, index, documents, "qzxwvkjhgf", 10);
expect(nothing.length === 0, "a word in no page finds something");
console.log(`search "${word}": ${found.size} pages found, wanted ${wanted.join(" ")}`);
process.exit(failures ? 1 : 0);
