// Standalone entry: the remote without the shell (development, or deployed alone).
import "@priyom/ui/tokens.css";
import { mount } from "./mount.ts";

const el = document.getElementById("app");
if (el) {
  mount(el, {
    apiBase: "",
    basePath: "/",
    locale: "ru",
    // Tabs and tickets stay on this page (as the shell does it); other sections are other pages.
    navigate: (path) => {
      if (path === "/" || path.startsWith("/?")) {
        history.pushState(null, "", path);
        window.dispatchEvent(new PopStateEvent("popstate"));
      } else {
        location.assign(path);
      }
    },
  });
}
