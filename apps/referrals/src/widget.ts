// The partner widget <priyom-referrals> (issue 7): the referrals remote in a custom element.
// Built by vite.widget.config.ts into dist-widget/priyom-referrals.js (+ .css), served at /widgets/.
import "@priyom/ui/tokens.css";
import { defineRemoteWidget, widgetScriptUrl } from "@priyom/federation/widget";
import { mount } from "./mount.ts";

// Read now: `document.currentScript` is only set while this script runs for the first time.
const scriptUrl = widgetScriptUrl();

defineRemoteWidget({
  tagName: "priyom-referrals",
  mount,
  section: "/referrals",
  styleUrl: new URL("priyom-referrals.css", scriptUrl).href,
  defaultApiOrigin: new URL(scriptUrl).origin,
});
