import { createApiClient } from "@priyom/api-client";
import { flushPromises, mount } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryHistory, createWebHistory, type RouterHistory } from "vue-router";
import { createShellRouter } from "../router.ts";
import ShellSearch from "./ShellSearch.vue";

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });

const clinic = {
  id: "cln_2",
  shortName: "ГП № 2",
  fullName: "ГАУЗ СО «Городская поликлиника № 2»",
  ogrn: "1026605227923",
  address: "Екатеринбург, ул. Ленина, 1",
  region: "66",
  timeZone: "Asia/Yekaterinburg",
  registryPhone: "+73432000000",
  placeType: "polyclinic",
  latitude: 56.8,
  longitude: 60.6,
};

const api = createApiClient({
  fetchImpl: (input) =>
    Promise.resolve(
      (input instanceof Request ? input.url : input.toString()).endsWith("/clinics")
        ? json({ items: [clinic] })
        : json({
            items: [
              {
                code: "cardiologist",
                nameRu: "Кардиолог",
                nameEn: "Cardiologist",
                patientAge: "any",
                related: [],
              },
              {
                code: "ophthalmologist",
                nameRu: "Офтальмолог",
                nameEn: "Eye",
                patientAge: "any",
                related: [],
              },
            ],
          }),
    ),
});

async function renderSearch(history: RouterHistory = createMemoryHistory(), start = "/") {
  // The shell's own router: its afterEach tells a remote on screen about a URL change.
  const router = createShellRouter(history);
  await router.push(start);
  const wrapper = mount(ShellSearch, {
    props: { api },
    attachTo: document.body,
    global: { plugins: [router] },
  });
  const input = wrapper.get('[role="combobox"]');
  await input.trigger("focus");
  await flushPromises();
  return { wrapper, input, router };
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("ShellSearch", () => {
  it("is a labelled combobox that suggests as you type and says how many", async () => {
    const { wrapper, input } = await renderSearch();
    expect(wrapper.get("label").text()).toBe("Поиск услуги");
    expect(wrapper.get("label").attributes("for")).toBe(input.attributes("id"));
    expect(input.attributes("aria-expanded")).toBe("false");
    await input.setValue("глазной");
    expect(input.attributes("aria-expanded")).toBe("true");
    expect(input.attributes("aria-controls")).toBe(wrapper.get('[role="listbox"]').attributes("id"));
    expect(wrapper.findAll('[role="option"]')[0]?.text()).toContain("Офтальмолог");
    expect(wrapper.get('[role="status"]').text()).toContain("Вариантов: 1");
    wrapper.unmount();
  });

  it("moves with the arrow keys (wrapping), chooses with Enter and navigates", async () => {
    const { wrapper, input, router } = await renderSearch();
    await input.setValue("запись");
    const options = wrapper.findAll('[role="option"]');
    expect(options.length).toBeGreaterThan(1);
    expect(input.attributes("aria-activedescendant")).toBeUndefined();
    await input.trigger("keydown", { key: "ArrowDown" });
    expect(input.attributes("aria-activedescendant")).toBe(options[0]?.attributes("id"));
    expect(options[0]?.attributes("aria-selected")).toBe("true");
    await input.trigger("keydown", { key: "ArrowDown" });
    expect(input.attributes("aria-activedescendant")).toBe(options[1]?.attributes("id"));
    await input.trigger("keydown", { key: "ArrowUp" });
    await input.trigger("keydown", { key: "ArrowUp" });
    expect(input.attributes("aria-activedescendant")).toBe(options.at(-1)?.attributes("id"));
    await input.trigger("keydown", { key: "ArrowDown" });
    expect(options[0]?.text()).toContain("Запись к врачу");
    await input.trigger("keydown", { key: "Enter" });
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe("/calendar");
    expect((input.element as HTMLInputElement).value).toBe("");
    expect(input.attributes("aria-expanded")).toBe("false");
    wrapper.unmount();
  });

  it("Enter without a highlighted option takes the best one; a clinic leads to its calendar", async () => {
    const { wrapper, input, router } = await renderSearch();
    await input.setValue("гп 2");
    await input.trigger("keydown", { key: "Enter" });
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe("/calendar?clinic=cln_2");
    wrapper.unmount();
  });

  it("Esc closes the list, a second Esc clears the box", async () => {
    const { wrapper, input } = await renderSearch();
    await input.setValue("кардиолог");
    await input.trigger("keydown", { key: "ArrowDown" });
    await input.trigger("keydown", { key: "Escape" });
    expect(input.attributes("aria-expanded")).toBe("false");
    expect(input.attributes("aria-activedescendant")).toBeUndefined();
    expect((input.element as HTMLInputElement).value).toBe("кардиолог");
    await input.trigger("keydown", { key: "Escape" });
    expect((input.element as HTMLInputElement).value).toBe("");
    wrapper.unmount();
  });

  it("a click on an option navigates; within the section on screen the remote hears popstate", async () => {
    window.history.replaceState(null, "", "/");
    const { wrapper, input, router } = await renderSearch(createWebHistory(), "/referrals");
    const seen: string[] = [];
    const listener = () => seen.push(location.pathname + location.search);
    window.addEventListener("popstate", listener);
    await input.setValue("кордиолог");
    await wrapper.get('[role="option"]').trigger("click");
    await flushPromises();
    window.removeEventListener("popstate", listener);
    expect(seen).toEqual(["/referrals?specialty=cardiologist"]);
    expect(router.currentRoute.value.fullPath).toBe("/referrals?specialty=cardiologist");
    expect(location.pathname + location.search).toBe("/referrals?specialty=cardiologist");
    wrapper.unmount();
  });

  it("says when nothing matches", async () => {
    const { wrapper, input } = await renderSearch();
    await input.setValue("йцукен");
    expect(wrapper.text()).toContain("Ничего не найдено");
    expect(wrapper.findAll('[role="option"]')).toHaveLength(0);
    wrapper.unmount();
  });
});
