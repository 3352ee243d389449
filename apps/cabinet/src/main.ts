// Standalone entry: the remote without the shell (development, or deployed alone).
import "@priyom/ui/tokens.css";
import { mount } from "./mount.ts";

const el = document.getElementById("app");
if (el) {
  // Standalone, the remote's views change the URL without a reload, as they do under the shell.
  mount(el, {
    apiBase: "",
    basePath: "/",
    locale: "ru",
    navigate: (path) => history.pushState(null, "", path),
  });
}
