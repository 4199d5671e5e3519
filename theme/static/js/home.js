// The home page: what is on now and what starts in the next 24 hours, in the
// visitor's zone, from the rules and the browser's clock (site.js does the rest).
import { happeningNow, sessionsBetween } from "./schedule.js";
import { DAY, preferences } from "./site.js";
import { fillList, loadChats, sessionItem } from "./data.js";

const HOME_LIST = 8; // sessions per list on the home page; the calendar has them all

export async function homePage(now, soon, prefs) {
  const chats = await loadChats();
  const at = Date.now();
  fillList(now, happeningNow(chats, at).slice(0, HOME_LIST).map(({ chat, session }) => sessionItem(chat, session, prefs)),
    "Nothing is on right now.");
  const coming = [];
  for (const chat of chats) {
    if (chat.status !== "active") continue;
    // Only the next day: expanding each chat's whole year would block the page.
    for (const session of sessionsBetween(chat, at, at + DAY)) {
      if (session.start > at) coming.push({ chat, session });
    }
  }
  coming.sort((a, b) => a.session.start - b.session.start);
  fillList(soon, coming.slice(0, HOME_LIST).map(({ chat, session }) => sessionItem(chat, session, prefs)),
    "Nothing starts in the next 24 hours.");
}


const now = document.querySelector("[data-happening-now]");
if (now) homePage(now, document.querySelector("[data-starting-soon]"), preferences());
