// The partner widget <priyom-my-appointments> (issue 7): «Мои записи» in a custom element.
// Built by vite.widget.config.ts into dist-widget/priyom-my-appointments.js (+ .css), served at /widgets/.
import "@priyom/ui/tokens.css";
import { defineRemoteWidget, widgetScriptUrl } from "@priyom/federation/widget";
import { mount } from "./mount.ts";

// Read now: `document.currentScript` is only set while this script runs for the first time.
const scriptUrl = widgetScriptUrl();

defineRemoteWidget({
  tagName: "priyom-my-appointments",
  mount,
  section: "/appointments",
  styleUrl: new URL("priyom-my-appointments.css", scriptUrl).href,
  defaultApiOrigin: new URL(scriptUrl).origin,
});
