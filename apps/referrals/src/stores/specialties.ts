import type { ApiClient, TSpecialty } from "@priyom/api-client";
import { defineStore } from "pinia";
import { computed, shallowRef } from "vue";

/** The specialty names, read once, for the staff form's select and the filter's wording. */
export const useSpecialtiesStore = defineStore("referrals-specialties", () => {
  const items = shallowRef<TSpecialty[]>([]);
  let pending: Promise<void> | undefined;

  function load(api: ApiClient): Promise<void> {
    pending ??= api
      .listSpecialties()
      .then((answer) => {
        items.value = answer.items;
      })
      .catch(() => {
        // Names fall back to codes; the next screen that needs them asks again.
        pending = undefined;
      });
    return pending;
  }

  const nameOf = computed(() => {
    const names = new Map(items.value.map((s) => [s.code, s.nameRu]));
    return (code: string) => names.get(code) ?? code;
  });

  return { items, load, nameOf };
});
