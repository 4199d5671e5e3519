// The search page: full-text search with MiniSearch over data made at build
// time, facets with counts (day and time of day in the visitor's zone, from
// the rules), and the query and filters in the URL. Loaded by search.html.
import MiniSearch from "./vendor/minisearch.js";
import { decode, sessionsBetween, upcoming, weekStart, zonedParts } from "./schedule.js";
import { DAY, chatUrl, el, fullText, preferences, siteUrl, timeElement, zoneLabel } from "./site.js";
import { eachInSlices, languageName, starButton } from "./data.js";

const FIRST_RESULTS = 50;
const FACETS = ["topic", "platform", "language", "status", "activity", "day", "time"];
const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const TIMES = [["night", "Night (0–6)"], ["morning", "Morning (6–12)"], ["afternoon", "Afternoon (12–18)"], ["evening", "Evening (18–24)"]];
const STATUS_NAMES = { active: "Active", hiatus: "On hiatus", ended: "Ended" };

const SEARCH_OPTIONS = { prefix: true, fuzzy: 0.25 };

async function loadDocuments() {
  const data = await fetch(siteUrl("data/search.json")).then((r) => r.json());
  // `shards`: the keys of the word shards that exist; older data has no list.
  // `seen`: chats whose activity the liveness check found lately.
  const seen = new Set(data.seen || []);
  const chats = decode(data).map((chat) => ({ ...chat, seen: seen.has(chat.slug) }));
  return { chats, shards: Array.isArray(data.shards) ? new Set(data.shards) : null };
}

// Hashtags, titles and topics are searched at once; the words of
// descriptions and hosts come in shards by first character (see
// chatcal/export.py, search_shards), fetched for the words typed.
async function buildIndex(chats) {
  const index = new MiniSearch({
    idField: "slug",
    fields: ["hashtag", "title", "topicText", "languageText"],
    extractField: (chat, field) => {
      if (field === "topicText") return chat.topics.map((t) => t.name).join(" ");
      if (field === "languageText") return languageWords(chat.language);
      return chat[field];
    },
    searchOptions: { ...SEARCH_OPTIONS, boost: { hashtag: 4, title: 3, topicText: 2 } },
  });
  await index.addAllAsync(chats, { chunkSize: 200 }); // in slices, so the page stays responsive
  return index;
}

// A language by its English name and its own ("spanish", "español"), so
// either finds its chats.
const languageNames = new Map();
function languageWords(tag) {
  if (!languageNames.has(tag)) {
    const names = new Set();
    for (const locale of ["en", tag]) {
      try {
        names.add(new Intl.DisplayNames([locale], { type: "language" }).of(tag));
      } catch {
        // an unknown tag: its code is enough
      }
    }
    languageNames.set(tag, [...names].join(" "));
  }
  return languageNames.get(tag);
}

const shardKey = (word) => (/^[a-z0-9]/.test(word) ? word[0] : "_");

class TextShards {
  constructor(chats, existing) {
    this.chats = chats; // in the order of search.json, which shards refer to
    this.existing = existing; // Set of shard keys, or null when the data does not say
    this.missing = new Set(); // keys answered 404: not asked again
    this.loaded = new Map();
    this.index = new MiniSearch({ fields: ["words"], storeFields: ["slug"], searchOptions: SEARCH_OPTIONS });
  }

  async load(query) {
    const keys = new Set(query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(shardKey));
    const wanted = [...keys].filter((key) => !this.loaded.has(key) && !this.missing.has(key)
      && (!this.existing || this.existing.has(key)));
    await Promise.all(wanted.map((key) => {
      const request = fetch(siteUrl(`data/search/${key}.json`))
        .then((r) => {
          if (r.ok) return r.json();
          this.missing.add(key);
          return [];
        })
        .then((shard) => this.index.addAll(shard.map(([position, words]) => ({ id: `${position}/${key}`, slug: this.chats[position].slug, words }))))
        .catch(() => this.loaded.delete(key)); // try again on the next query
      this.loaded.set(key, request);
      return request;
    }));
  }

  scores(query) {
    const found = new Map();
    this.terms = new Map(); // slug -> the description words that matched, for the result's snippet
    for (const result of this.index.search(query)) {
      found.set(result.slug, (found.get(result.slug) || 0) + result.score);
      this.terms.set(result.slug, [...new Set([...(this.terms.get(result.slug) || []), ...result.terms])]);
    }
    return found;
  }
}

// Where each chat falls in the visitor's week: weekdays and times of day of
// its sessions over one cycle of its rules (a week, N weeks, or five weeks
// for monthly chats), which is enough and keeps the page responsive.
function whenFacets(chat, prefs, now) {
  const days = new Set(), times = new Set();
  const start = weekStart(now, prefs.tz, 0);
  const weeks = Math.max(1, ...chat.schedule.map((e) => (e.every === "month" ? 5 : e.interval)));
  for (const session of sessionsBetween(chat, start, start + weeks * 7 * DAY)) {
    const p = zonedParts(session.start, prefs.tz);
    days.add(String(p.weekday));
    times.add(TIMES[Math.floor(p.hour / 6)][0]);
  }
  return { day: days, time: times };
}

function facetValues(chat, when) {
  return {
    topic: new Set(chat.topics.map((t) => t.slug)),
    platform: new Set(chat.platforms),
    language: new Set([chat.language]),
    status: new Set([chat.status]),
    activity: new Set(chat.seen ? ["recent"] : []),
    day: when.day,
    time: when.time,
  };
}

function readState() {
  const params = new URLSearchParams(location.search);
  const state = { q: params.get("q") || "" };
  for (const facet of FACETS) state[facet] = params.get(facet) || "";
  return state;
}

function stateUrl(state) {
  const params = new URLSearchParams();
  for (const key of ["q", ...FACETS]) if (state[key]) params.set(key, state[key]);
  const query = params.toString();
  return query ? `?${query}` : location.pathname;
}

function rank(index, shards, chats, query) {
  const text = query.trim();
  if (!text) return [...chats].sort((a, b) => a.title.localeCompare(b.title));
  const bare = text.replace(/^#/, "").toLowerCase();
  const bySlug = new Map(chats.map((c) => [c.slug, c]));
  const scores = shards.scores(text);
  for (const result of index.search(text)) scores.set(result.id, (scores.get(result.id) || 0) + result.score);
  const results = [...scores].sort((a, b) => b[1] - a[1]).map(([slug]) => bySlug.get(slug));
  // An exact hashtag match comes first, whatever the scores say.
  const exact = results.filter((c) => c.hashtag.toLowerCase() === bare);
  return [...exact, ...results.filter((c) => !exact.includes(c))];
}

function optionLabel(facet, value) {
  if (facet === "day") return DAY_NAMES[Number(value)];
  if (facet === "time") return TIMES.find(([v]) => v === value)[1];
  if (facet === "language") return languageName(value);
  if (facet === "status") return STATUS_NAMES[value];
  if (facet === "activity") return "Seen active recently";
  return value;
}

/** `text` with the words of `terms` marked, built as nodes. */
function highlighted(text, terms) {
  const words = terms.filter((t) => t.length > 1).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (!words.length) return [text];
  const parts = text.split(new RegExp(`(${words.join("|")})`, "iu"));
  return parts.map((part, i) => (i % 2 ? el("mark", { text: part }) : part));
}

async function start() {
  const root = document.querySelector("[data-search]");
  const form = root.querySelector("[data-search-form]");
  const input = form.querySelector("input[name=q]");
  const facetsBox = root.querySelector("[data-facets]");
  const list = root.querySelector("[data-search-results]");
  const status = root.querySelector("[data-search-status]");
  const prefs = preferences();
  const now = Date.now();
  const { chats, shards: existing } = await loadDocuments();
  const index = await buildIndex(chats);
  const shards = new TextShards(chats, existing);
  let matchedTerms = new Map(); // slug -> terms of the query that found it
  const values = new Map();
  await eachInSlices(chats, (c) => values.set(c.slug, facetValues(c, whenFacets(c, prefs, now))));
  const topicNames = new Map(chats.flatMap((c) => c.topics.map((t) => [t.slug, t.name])));
  let state = readState();

  // "Activity" only where the liveness check found some: a filter with nothing in it would only puzzle.
  const shownFacets = FACETS.filter((facet) => facet !== "activity" || chats.some((c) => c.seen));
  const selects = shownFacets.map((facet) => {
    const id = `facet-${facet}`;
    const label = facet === "day" || facet === "time" ? `${facet === "day" ? "Day" : "Time of day"} (${zoneLabel(prefs.tz)})` : facet[0].toUpperCase() + facet.slice(1);
    const box = el("select", { id, name: facet });
    facetsBox.append(el("div", {}, el("label", { for: id, text: label }), box));
    box.addEventListener("change", () => {
      state = { ...state, [facet]: box.value };
      draw(true);
    });
    return [facet, box];
  });

  function passes(chat, except) {
    const v = values.get(chat.slug);
    return FACETS.every((facet) => facet === except || !state[facet] || v[facet].has(state[facet]));
  }

  function drawFacets(matched) {
    for (const [facet, box] of selects) {
      const counts = new Map();
      for (const chat of matched) {
        if (!passes(chat, facet)) continue;
        for (const value of values.get(chat.slug)[facet]) counts.set(value, (counts.get(value) || 0) + 1);
      }
      if (state[facet] && !counts.has(state[facet])) counts.set(state[facet], 0);
      const order = facet === "day" || facet === "time" ? (a, b) => (facet === "day" ? a - b : TIMES.findIndex(([t]) => t === a) - TIMES.findIndex(([t]) => t === b))
        : (a, b) => optionLabel(facet, a).localeCompare(optionLabel(facet, b));
      box.replaceChildren(el("option", { value: "", text: "Any" }));
      for (const value of [...counts.keys()].sort(order)) {
        const name = facet === "topic" ? topicNames.get(value) : optionLabel(facet, value);
        box.append(el("option", { value, text: `${name} (${counts.get(value)})`, selected: value === state[facet] }));
      }
    }
  }

  function resultItem(chat) {
    const terms = matchedTerms.get(chat.slug) || [];
    const next = upcoming(chat, now, 1)[0];
    const when = next ? el("span", { class: "meta" }, "Next: ", timeElement(next.start, fullText(next.start, prefs)))
      : el("span", { class: "meta", text: STATUS_NAMES[chat.status] + (chat.status === "active" ? "" : ": no upcoming sessions") });
    const facts = [languageName(chat.language), ...chat.topics.map((t) => t.name)];
    const about = el("span", { class: "meta" }, ...highlighted(facts.join(" · "), terms));
    // The description's words that matched: what search.json's shards hold of it.
    const words = (shards.terms && shards.terms.get(chat.slug)) || [];
    const snippet = words.length ? el("span", { class: "snippet" }, "Mentions ", ...words.slice(0, 4).flatMap((w, i) => [i ? ", " : "", el("mark", { text: w })])) : null;
    const link = el("a", { class: "result-link", href: chatUrl(chat) }, ...highlighted(`#${chat.hashtag}: ${chat.title}`, terms));
    return el("li", { class: "result", lang: chat.language }, link, starButton(chat), when, about, snippet);
  }

  async function draw(push) {
    input.value = state.q;
    await shards.load(state.q);
    const matched = rank(index, shards, chats, state.q);
    matchedTerms = new Map(index.search(state.q || " ").map((r) => [r.id, r.terms]));
    const shown = matched.filter((c) => passes(c));
    drawFacets(matched);
    // The first results at once; the rest on request, so typing stays quick.
    list.replaceChildren(...shown.slice(0, FIRST_RESULTS).map(resultItem));
    if (shown.length > FIRST_RESULTS) {
      const more = el("button", { type: "button", text: `Show all ${shown.length} chats` });
      more.addEventListener("click", () => {
        more.parentElement.remove();
        list.append(...shown.slice(FIRST_RESULTS).map(resultItem));
        list.children[FIRST_RESULTS]?.querySelector("a.result-link").focus();
      });
      list.append(el("li", { class: "more" }, more));
    }
    status.textContent = `${shown.length} chat${shown.length === 1 ? "" : "s"} found`;
    const url = stateUrl(state);
    if (url !== location.search && !(url === location.pathname && !location.search)) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
  }

  let typing;
  input.addEventListener("input", () => {
    clearTimeout(typing);
    state = { ...state, q: input.value };
    typing = setTimeout(() => draw(false), 120);
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    state = { ...state, q: input.value };
    await draw(true);
    list.querySelector("a.result-link")?.focus();
  });
  // Arrow keys move between the search box and the results; Enter opens a link.
  root.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = [...list.querySelectorAll("li:not(.more) a.result-link")];
    if (!links.length || (event.target !== input && !links.includes(event.target))) return;
    event.preventDefault();
    const at = links.indexOf(event.target);
    if (event.key === "ArrowDown") links[Math.min(at + 1, links.length - 1)].focus();
    else if (at <= 0) input.focus();
    else links[at - 1].focus();
  });
  addEventListener("popstate", () => {
    state = readState();
    for (const [facet, box] of selects) box.value = state[facet];
    draw(false);
  });
  root.dataset.ready = "";
  await draw(false);
  input.focus();
}

if (document.querySelector("[data-search]")) await start();
