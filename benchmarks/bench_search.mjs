// Index build time and query latency of the search page's MiniSearch setup,
// on a data/search.json file. Usage: node benchmarks/bench_search.mjs SEARCH.json
// Prints JSON: {chats, index_ms, query_ms: {query: median ms}}.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import MiniSearch from "../theme/static/js/vendor/minisearch.js";
import { decode } from "../theme/static/js/schedule.js";

const data = JSON.parse(readFileSync(process.argv[2], "utf-8"));
const chats = decode(data);
// The page splits descriptions' and hosts' words into shards loaded per query;
// here every shard is indexed at once, the slowest case for queries.
const shards = JSON.parse(readFileSync(process.argv[3], "utf-8"));
for (const chat of chats) Object.assign(chat, { keywords: shards[chat.slug] || "", hosts: "" });

// The same options as theme/static/js/search.js.
function build() {
  const index = new MiniSearch({
    idField: "slug",
    fields: ["hashtag", "title", "topicText", "hosts", "keywords"],
    extractField: (chat, field) => (field === "topicText" ? chat.topics.map((t) => t.name).join(" ") : chat[field]),
    searchOptions: { boost: { hashtag: 4, title: 3, topicText: 2, hosts: 1.5, keywords: 1 }, prefix: true, fuzzy: 0.25 },
  });
  index.addAll(chats);
  return index;
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const builds = [];
let index;
for (let run = 0; run < 5; run++) {
  const start = performance.now();
  index = build();
  builds.push(performance.now() - start);
}
const queries = ["blog", "marketing", "projct managment", "python", "design systems", "a", "#" + chats[0].hashtag];
const query_ms = {};
for (const query of queries) {
  const times = [];
  for (let run = 0; run < 50; run++) {
    const start = performance.now();
    index.search(query);
    times.push(performance.now() - start);
  }
  query_ms[query] = Number(median(times).toFixed(3));
}
process.stdout.write(JSON.stringify({ chats: chats.length, index_ms: Number(median(builds).toFixed(1)), query_ms }));
