import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { useSpecialtiesStore } from "../stores/specialties.ts";
import {
  apiError,
  buttonByText,
  fakeApi,
  inputByLabel,
  json,
  render,
  specialties,
  unmountAll,
} from "../test-helpers.ts";
import StaffIssueForm from "./StaffIssueForm.vue";

afterEach(unmountAll);

const issued = {
  id: "ref_9",
  number: "9876543210",
  status: "active",
  issuedOn: "2025-01-31",
  lastValidDay: "2025-03-02",
  validityDays: 30,
  specialty: "cardiologist",
  allowedClinicIds: ["cln_1"],
  urgency: "planned",
  kind: "regular",
  matched: false,
};

async function fillValid(wrapper: ReturnType<typeof render>) {
  await inputByLabel(wrapper, "Номер направления").setValue("9876543210");
  await inputByLabel(wrapper, "Дата выдачи").setValue("31.01.2025");
  await inputByLabel(wrapper, "Полис ОМС пациента").setValue("1234567890123452");
  await inputByLabel(wrapper, "Фамилия").setValue("Иванова");
  await inputByLabel(wrapper, "Имя").setValue("Анна");
  await inputByLabel(wrapper, "Дата рождения").setValue("01.05.1990");
  await inputByLabel(wrapper, "Специальность").setValue("cardiologist");
  await inputByLabel(wrapper, "Код диагноза (МКБ-10)").setValue("i10");
  await inputByLabel(wrapper, "Врач").setValue("Петров П. П.");
}

async function mountForm(routes: Parameters<typeof fakeApi>[0]) {
  const { api, calls } = fakeApi({ "GET /api/v1/specialties": json(200, specialties), ...routes });
  const wrapper = render(StaffIssueForm, api);
  await useSpecialtiesStore().load(api);
  await flushPromises();
  return { wrapper, calls };
}

describe("StaffIssueForm", () => {
  it("labels every field of the request and judges them live", async () => {
    const { wrapper, calls } = await mountForm({});
    for (const label of ["СНИЛС пациента", "Отчество", "Срочность", "Вид направления", "Срок действия, дней"])
      expect(inputByLabel(wrapper, label).attributes("id")).toBeTruthy();
    await buttonByText(wrapper, "Выдать направление").trigger("submit");
    await flushPromises();
    expect(wrapper.text()).toContain("Укажите номер направления");
    expect(wrapper.text()).toContain("Выберите специальность");
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);
    await inputByLabel(wrapper, "Срок действия, дней").setValue("120");
    expect(wrapper.text()).toContain("Срок действия направления должен быть от 7 до 90 дней");
  });

  it("sends the request and shows the server's field errors under the fields", async () => {
    const { wrapper, calls } = await mountForm({
      "POST /api/v1/staff/referrals": [
        apiError(400, "validation_failed", "Проверьте данные", {
          "patient.enp": "Полис не найден в реестре",
          number: "Номер уже занят",
        }),
        json(201, issued),
      ],
    });
    await fillValid(wrapper);
    await buttonByText(wrapper, "Выдать направление").trigger("submit");
    await flushPromises();
    expect(calls.at(-1)?.body).toEqual({
      number: "9876543210",
      issuedOn: "2025-01-31",
      patient: { enp: "1234567890123452", lastName: "Иванова", firstName: "Анна", birthDate: "1990-05-01" },
      specialty: "cardiologist",
      urgency: "planned",
      kind: "regular",
      diagnosisCode: "I10",
      issuingDoctor: "Петров П. П.",
    });
    expect(inputByLabel(wrapper, "Полис ОМС пациента").attributes("aria-invalid")).toBe("true");
    expect(wrapper.text()).toContain("Полис не найден в реестре");
    expect(wrapper.text()).toContain("Номер уже занят");

    await buttonByText(wrapper, "Выдать направление").trigger("submit");
    await flushPromises();
    expect(wrapper.emitted("issued")?.[0]?.[0]).toMatchObject({ number: "9876543210" });
  });
});
