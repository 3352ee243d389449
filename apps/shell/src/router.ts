import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from "vue-router";
import { SHELL_SECTIONS, SITE_TITLE } from "./sections.ts";
import ShellHomePage from "./ShellHomePage.vue";
import ShellNotFound from "./ShellNotFound.vue";
import ShellRemoteSection from "./ShellRemoteSection.vue";
import ShellWidgetConnect from "./ShellWidgetConnect.vue";

/** The shell's routes: home, one per section (sub-paths stay in it), the widget sign-in pop-up, not found. */
export const shellRoutes: RouteRecordRaw[] = [
  { path: "/", name: "home", component: ShellHomePage, meta: { title: SITE_TITLE } },
  ...SHELL_SECTIONS.map((section): RouteRecordRaw => ({
    path: `${section.path}/:rest(.*)*`,
    name: section.remote,
    component: ShellRemoteSection,
    props: { remote: section.remote, basePath: section.path, title: section.title },
    meta: { title: `${section.title} — Приём` },
  })),
  // The sign-in pop-up of partner widgets: a page of the shell, so it is on our own origin.
  {
    path: "/widget/connect",
    name: "widget-connect",
    component: ShellWidgetConnect,
    // `bare`: only the brand in the header — the pop-up has one job, and the site's menu, search and
    // «Войти» (which would sign in without returning here) would only lead away from it.
    meta: { title: "Вход для сайта поликлиники — Приём", bare: true },
  },
  {
    path: "/:missing(.*)*",
    name: "not-found",
    component: ShellNotFound,
    meta: { title: "Страница не найдена — Приём" },
  },
];

/** The shell owns the browser history; remotes navigate through the `navigate` prop. */
export function createShellRouter(history: RouterHistory = createWebHistory()) {
  const router = createRouter({ history, routes: shellRoutes });
  router.afterEach((to, from, failure) => {
    if (typeof to.meta.title === "string") document.title = to.meta.title;
    // A section already on screen is not remounted when its URL changes (the menu, the search, a
    // remote's own `navigate`): its remote re-reads the URL on popstate, as after «Назад».
    const sameSection =
      !failure && to.name === from.name && to.name !== "home" && to.fullPath !== from.fullPath;
    if (sameSection && from.matched.length > 0) {
      window.dispatchEvent(new PopStateEvent("popstate", { state: window.history.state as unknown }));
    }
  });
  return router;
}
