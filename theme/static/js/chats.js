// The list of all chats: a filter to the chats seen active recently (by the
// liveness check; their cards carry data-seen). site.js does the rest.
import "./site.js";

const filter = document.querySelector("[data-seen-filter]");
if (filter) {
  filter.addEventListener("change", () => {
    document.querySelectorAll(".chat-card").forEach((card) => {
      card.hidden = filter.checked && !card.hasAttribute("data-seen");
    });
  });
}
