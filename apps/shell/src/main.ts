import "@priyom/ui/tokens.css";
import { registerVueRuntime } from "@priyom/federation";
import { createPriyomI18n } from "@priyom/ui";
import { createPinia } from "pinia";
import { createApp } from "vue";
import { createShellRouter } from "./router.ts";
import ShellApp from "./ShellApp.vue";

// The shell's Vue counts too: with working singletons it is the very runtime every remote gets.
registerVueRuntime(createApp);

const app = createApp(ShellApp);
app.use(createPinia());
app.use(createShellRouter());
app.use(createPriyomI18n("ru"));
app.mount("#app");
