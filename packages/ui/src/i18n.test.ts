import { mount } from "@vue/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h, nextTick } from "vue";
import {
  createPriyomI18n,
  enPluralRule,
  ruPluralRule,
  usePriyomI18n,
  type PriyomLocale,
  type PriyomMessageKey,
} from "./i18n.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("createPriyomI18n", () => {
  it("fills {name} placeholders and leaves unknown ones as they are", () => {
    const { t } = createPriyomI18n("ru");
    expect(t("error.requestId", { id: "req_123" })).toBe("Код запроса: req_123");
    expect(t("error.requestId")).toBe("Код запроса: {id}");
  });

  it.each([
    [0, "нет записей"],
    [1, "1 запись"],
    [2, "2 записи"],
    [5, "5 записей"],
    [11, "11 записей"],
    [12, "12 записей"],
    [14, "14 записей"],
    [21, "21 запись"],
    [22, "22 записи"],
    [25, "25 записей"],
    [111, "111 записей"],
  ])("Russian plural of %i → %s", (n, expected) => {
    expect(createPriyomI18n("ru").t("count.appointments", { n })).toBe(expected);
  });

  it("takes the plural form from an explicit count before params.n", () => {
    const { t } = createPriyomI18n("ru");
    expect(t("count.clinics", { n: "двадцать одна" }, 21)).toBe("двадцать одна медицинская организация");
    expect(t("count.specialties", { n: 3 })).toBe("3 специальности");
  });

  it.each([
    [0, "no appointments"],
    [1, "1 appointment"],
    [2, "2 appointments"],
    [21, "21 appointments"],
  ])("English plural of %i → %s", (n, expected) => {
    expect(createPriyomI18n("en").t("count.appointments", { n })).toBe(expected);
  });

  it("speaks English when asked and falls back to Russian for an unknown locale", () => {
    expect(createPriyomI18n("en").t("unavailable.title")).toBe("This section is temporarily unavailable");
    // A remote may be handed a locale we have no messages for (props come from another build).
    const unknown = createPriyomI18n("kk" as PriyomLocale);
    expect(unknown.t("common.retry")).toBe("Повторить");
    expect(unknown.t("count.appointments", { n: 22 })).toBe("22 записи");
  });

  it("returns the key of a missing message and warns in development", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(createPriyomI18n("ru").t("common.nope" as PriyomMessageKey)).toBe("common.nope");
    expect(warn).toHaveBeenCalledWith('[priyom i18n] no message "common.nope"');
  });

  it("re-renders when the locale changes", async () => {
    const i18n = createPriyomI18n("ru");
    const Probe = defineComponent(() => {
      const { t } = usePriyomI18n();
      return () => h("p", t("common.close"));
    });
    const wrapper = mount(Probe, { global: { plugins: [i18n] } });
    expect(wrapper.text()).toBe("Закрыть");
    i18n.locale.value = "en";
    await nextTick();
    expect(wrapper.text()).toBe("Close");
  });

  it("speaks Russian in a component mounted without the plugin", () => {
    const Probe = defineComponent(() => {
      const { t } = usePriyomI18n();
      return () => h("p", t("common.loading"));
    });
    expect(mount(Probe).text()).toBe("Загрузка…");
  });
});

describe("plural rules", () => {
  it("ruPluralRule with three choices", () => {
    expect([1, 3, 7].map((n) => ruPluralRule(n, 3))).toEqual([0, 1, 2]);
  });

  it("enPluralRule with two and three choices", () => {
    expect([1, 2].map((n) => enPluralRule(n, 2))).toEqual([0, 1]);
    expect([0, 1, 5].map((n) => enPluralRule(n, 3))).toEqual([0, 1, 2]);
  });
});
