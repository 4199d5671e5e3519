// The time zone picker: search by city, country, abbreviation or offset;
// common zones first; "use my time zone". Loaded by calendar.js the first
// time the picker opens, with /data/zones.json.
import { canonicalZone, el, zoneCity } from "./site.js";
import { loadZones } from "./data.js";

const SHOWN = 60; // options listed at once; typing narrows the rest
// Used when the build has no zones.json: the zones most visitors pick.
const COMMON = ["UTC", "America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York", "America/Sao_Paulo",
  "Europe/London", "Europe/Paris", "Europe/Berlin", "Africa/Lagos", "Africa/Johannesburg", "Asia/Dubai", "Asia/Kolkata",
  "Asia/Singapore", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland"];

// Abbreviations people search by that the browser's English names lack
// (it says "GMT+5:30" for India); each names the zones it may mean.
const ABBREVIATIONS = {
  IST: ["Asia/Kolkata"], JST: ["Asia/Tokyo"], KST: ["Asia/Seoul"], HKT: ["Asia/Hong_Kong"], SGT: ["Asia/Singapore"],
  PHT: ["Asia/Manila"], WIB: ["Asia/Jakarta"], PKT: ["Asia/Karachi"], GST: ["Asia/Dubai"], MSK: ["Europe/Moscow"],
  AEST: ["Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane"], AEDT: ["Australia/Sydney", "Australia/Melbourne"],
  ACST: ["Australia/Adelaide", "Australia/Darwin"], AWST: ["Australia/Perth"], NZST: ["Pacific/Auckland"], NZDT: ["Pacific/Auckland"],
  CET: ["Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam"], CEST: ["Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Rome"],
  EET: ["Europe/Athens", "Europe/Helsinki", "Europe/Kyiv", "Africa/Cairo"], WET: ["Europe/Lisbon"], BST: ["Europe/London"],
  GMT: ["Europe/London", "UTC"], SAST: ["Africa/Johannesburg"], WAT: ["Africa/Lagos"], EAT: ["Africa/Nairobi"],
  BRT: ["America/Sao_Paulo"], ART: ["America/Argentina/Buenos_Aires"], NST: ["America/St_Johns"], NDT: ["America/St_Johns"],
  AST: ["America/Halifax"], ADT: ["America/Halifax"],
};
const abbreviationsOf = new Map();
for (const [abbr, ids] of Object.entries(ABBREVIATIONS)) {
  for (const id of ids) abbreviationsOf.set(id, [...(abbreviationsOf.get(id) || []), abbr]);
}

/** "UTC+5:30" and the zone's short name ("IST", "PDT") now. */
function offsets(id, now) {
  const part = (style) => {
    try {
      return new Intl.DateTimeFormat("en-US", { timeZone: id, timeZoneName: style }).formatToParts(now)
        .find((p) => p.type === "timeZoneName").value;
    } catch {
      return "";
    }
  };
  const offset = part("shortOffset").replace("GMT", "UTC");
  const abbr = part("short");
  const minutes = (() => {
    const m = /UTC([+-])(\d+)(?::(\d+))?/.exec(offset);
    return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] || 0)) : 0;
  })();
  return { offset: offset === "UTC" ? "UTC±0" : offset, abbr: abbr.startsWith("GMT") ? "" : abbr, minutes };
}

let zones; // [{id, city, country, common, offset, abbr, minutes, words}]
async function zoneList() {
  if (!zones) {
    const data = await loadZones();
    const now = Date.now();
    const seen = new Set();
    zones = [];
    for (const zone of [{ id: "UTC", city: "UTC", country: "", common: true }, ...data.zones]) {
      const id = canonicalZone(zone.id);
      if (seen.has(id)) continue;
      seen.add(id);
      const common = zone.common || (!data.zones.some((z) => z.common) && COMMON.includes(id));
      const info = offsets(id, now);
      const abbrs = [info.abbr, ...(abbreviationsOf.get(id) || [])].filter(Boolean);
      const words = [id, zone.city, zone.country, info.offset, ...abbrs].join(" ").toLowerCase()
        .normalize("NFD").replace(/\p{M}/gu, "").replaceAll("_", " ");
      const exact = new Set([...abbrs, zone.city || "", zone.country || ""].map((w) => fold(w)));
      zones.push({ ...zone, id, city: zone.city || zoneCity(id), common, ...info, words, exact });
    }
    zones.sort((a, b) => Number(b.common) - Number(a.common) || a.minutes - b.minutes || a.city.localeCompare(b.city));
  }
  return zones;
}

const fold = (text) => text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").trim();

let open = null; // the picker on screen, if any

/** Opens the picker under `anchor`; `choose(zoneId)` gets the zone picked. */
export async function openZonePicker(anchor, current, choose) {
  if (open) return open.close();
  const list = await zoneList();
  const browser = canonicalZone(Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
  const input = el("input", { type: "search", class: "zone-search", placeholder: "City, country, or abbreviation", "aria-label": "Search time zones", "aria-controls": "zone-options", autocomplete: "off" });
  const options = el("ul", { id: "zone-options", class: "zone-options", "aria-label": "Time zones" });
  const mine = el("button", { type: "button", class: "zone-mine", text: `Use my time zone (${zoneCity(browser)})` });
  const panel = el("div", { class: "zone-picker", role: "dialog", "aria-label": "Pick a time zone" }, input, mine, options);

  const pick = (id) => {
    close();
    choose(id);
  };
  function show() {
    const query = fold(input.value);
    const words = query.split(/\s+/).filter(Boolean);
    // Whole-word matches (an abbreviation, a city, a country) before parts of words.
    const found = list.filter((z) => words.every((w) => z.words.includes(w)))
      .map((z, order) => [z.exact.has(query) ? 0 : 1, order, z]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , z]) => z);
    const item = (z) => el("li", {}, el("button", { type: "button", class: "zone-option", "data-zone-id": z.id, "aria-pressed": String(z.id === current) },
      el("span", { class: "zone-city", text: z.city }),
      el("span", { class: "zone-meta", text: [z.country, z.abbr, z.offset].filter(Boolean).join(" · ") })));
    options.replaceChildren(...found.slice(0, SHOWN).map(item));
    if (!found.length) options.append(el("li", { class: "muted", text: "No zone matches." }));
  }
  function onKey(event) {
    if (event.key === "Escape") {
      close();
      anchor.focus();
    }
  }
  function onOutside(event) {
    if (!panel.contains(event.target) && event.target !== anchor && !anchor.contains(event.target)) close();
  }
  function close() {
    panel.remove();
    anchor.setAttribute("aria-expanded", "false");
    removeEventListener("keydown", onKey);
    removeEventListener("pointerdown", onOutside);
    open = null;
  }
  input.addEventListener("input", show);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      options.querySelector("button")?.click();
    } else if (event.key === "ArrowDown") {
      event.preventDefault();
      options.querySelector("button")?.focus();
    }
  });
  options.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-zone-id]");
    if (button) pick(button.dataset.zoneId);
  });
  options.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const buttons = [...options.querySelectorAll("button")];
    const at = buttons.indexOf(document.activeElement);
    event.preventDefault();
    if (event.key === "ArrowUp" && at <= 0) input.focus();
    else buttons[Math.max(0, Math.min(buttons.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))].focus();
  });
  mine.addEventListener("click", () => pick(browser));
  show();
  anchor.after(panel);
  anchor.setAttribute("aria-expanded", "true");
  addEventListener("keydown", onKey);
  addEventListener("pointerdown", onOutside);
  open = { close };
  input.focus();
}
