// The partner widget <priyom-calendar> (issue 7): the calendar remote in a custom element.
// Built by vite.widget.config.ts into dist-widget/priyom-calendar.js (+ .css), served at /widgets/.
import "@priyom/ui/tokens.css";
import { defineRemoteWidget, widgetScriptUrl } from "@priyom/federation/widget";
import { mount } from "./mount.ts";

// Read now: `document.currentScript` is only set while this script runs for the first time.
const scriptUrl = widgetScriptUrl();

defineRemoteWidget({
  tagName: "priyom-calendar",
  mount,
  section: "/calendar",
  styleUrl: new URL("priyom-calendar.css", scriptUrl).href,
  defaultApiOrigin: new URL(scriptUrl).origin,
  attributes: ["referral-id"],
  // `referral-id` opens the booking of that referral, as `/calendar?referral=` does in the shell.
  initialPath: (attribute) => {
    const referral = attribute("referral-id")?.trim();
    return referral ? `/?referral=${encodeURIComponent(referral)}` : "/";
  },
});
