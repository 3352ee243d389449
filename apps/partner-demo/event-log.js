// The demo partner page's log of what the Priyom widget reported. A file of its own, not an inline
// script, so the page works under a Content-Security-Policy without 'unsafe-inline'.
const PRIYOM_EVENTS = ["priyom:signed-in", "priyom:booked", "priyom:cancelled"];

/** A detail as text; anything named like a token is never shown, even if a widget sent it. */
function detailText(detail) {
  if (detail === undefined || detail === null) return "—";
  return JSON.stringify(detail, (key, value) => (/token/i.test(key) ? "(скрыто)" : value));
}

function logEvent(event) {
  const list = document.getElementById("event-log");
  if (!list) return;
  const item = document.createElement("li");
  item.dataset.event = event.type;
  const time = document.createElement("time");
  const now = new Date();
  time.dateTime = now.toISOString();
  time.textContent = now.toLocaleTimeString("ru-RU");
  const name = document.createElement("code");
  name.textContent = event.type;
  const detail = document.createElement("code");
  detail.className = "portal-log__detail";
  detail.textContent = detailText(event.detail);
  item.append(time, " ", name, " ", detail);
  list.append(item);
  const empty = document.getElementById("event-log-empty");
  if (empty) empty.hidden = true;
}

// The events are composed and bubble: they reach the document from inside the widget's shadow root.
for (const type of PRIYOM_EVENTS) document.addEventListener(type, logEvent);
