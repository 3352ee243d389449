// Standalone entry: the remote without the shell (development, or deployed alone).
import "@priyom/ui/tokens.css";
import { mount } from "./mount.ts";

const el = document.getElementById("app");
if (el) {
  mount(el, { apiBase: "", basePath: "/", locale: "ru", navigate: (path) => location.assign(path) });
}
