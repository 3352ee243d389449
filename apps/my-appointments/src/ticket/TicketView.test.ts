import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appointment, apiError, fakeApi, json, render, text, ticket, unmountAll } from "../test-helpers.ts";
import TicketView from "./TicketView.vue";

function renderTicket(answer: Response) {
  const fake = fakeApi({ "GET /api/v1/appointments/apt_1/ticket": answer });
  const wrapper = render(TicketView, fake.api, {
    props: { appointmentId: "apt_1", backHref: "/appointments?tab=past" },
  });
  return { wrapper, api: fake.api, calls: fake.calls };
}

const field = (wrapper: ReturnType<typeof renderTicket>["wrapper"], id: string) =>
  text(wrapper.get(`[data-testid="${id}"]`));

describe("TicketView", () => {
  afterEach(() => {
    unmountAll();
    vi.restoreAllMocks();
  });

  it("shows everything the ticket carries, the number large and focused", async () => {
    const { wrapper, calls } = renderTicket(json(200, ticket()));
    await flushPromises();
    expect(calls.map((c) => c.url)).toEqual(["/api/v1/appointments/apt_1/ticket"]);
    const heading = wrapper.get("h3");
    expect(text(heading)).toBe("Талон № Т-0001001");
    expect(document.activeElement).toBe(heading.element);
    expect(field(wrapper, "ticket-when")).toBe(
      "пятница, 27 ноября 2026, 10:15 по времени Владивостока (UTC+10)",
    );
    expect(field(wrapper, "ticket-zone")).toBe("Часовой пояс: Владивосток (UTC+10)");
    expect(field(wrapper, "ticket-patient")).toBe("Иванов Иван Иванович");
    expect(field(wrapper, "ticket-doctor")).toBe("Петрова Анна Сергеевна");
    expect(field(wrapper, "ticket-specialty")).toBe("Кардиолог, врач высшей категории");
    expect(field(wrapper, "ticket-room")).toBe("214");
    expect(field(wrapper, "ticket-clinic")).toBe("КГБУЗ «Владивостокская поликлиника № 1»");
    expect(field(wrapper, "ticket-address")).toBe("г. Владивосток, ул. Светланская, д. 10");
    expect(field(wrapper, "ticket-referral")).toBe("№ 100200300");
    const phone = wrapper.get('[data-testid="ticket-phone"]');
    expect(phone.text()).toBe("+7 423 200-00-00");
    expect(phone.attributes("href")).toBe("tel:+74232000000");
    const qr = wrapper.get('[data-testid="ticket-qr"]');
    expect(qr.attributes("src")).toBe("data:image/svg+xml;base64,PHN2Zy8+");
    expect(qr.attributes("alt")).toBe("QR-код талона № Т-0001001");
    expect(wrapper.get("#ticket-bring").text()).toBe("Что взять с собой");
    expect(field(wrapper, "ticket-bring")).toBe("Паспорт, полис ОМС, направление");
    expect(wrapper.get("#ticket-prepare").text()).toBe("Как подготовиться");
    expect(field(wrapper, "ticket-prepare")).toBe("Не курить за 2 часа до приёма");
    expect(wrapper.find('[data-testid="ticket-video"]').exists()).toBe(false);
  });

  it("offers the PDF and the calendar file at the client's URLs, as plain downloads", async () => {
    const { wrapper, api } = renderTicket(json(200, ticket()));
    await flushPromises();
    const pdf = wrapper.get('[data-testid="ticket-pdf"]');
    expect(pdf.element.tagName).toBe("A");
    expect(pdf.text()).toBe("Скачать PDF");
    expect(pdf.attributes("href")).toBe(api.ticketPdfUrl("apt_1"));
    expect(pdf.attributes("href")).toBe("/api/v1/appointments/apt_1/ticket.pdf");
    expect(pdf.attributes()).toHaveProperty("download");
    const ics = wrapper.get('[data-testid="ticket-ics"]');
    expect(ics.text()).toBe("Добавить в календарь (.ics)");
    expect(ics.attributes("href")).toBe(api.ticketIcsUrl("apt_1"));
    expect(ics.attributes()).toHaveProperty("download");
  });

  it("«Распечатать» prints, with the print stylesheet switched on only while a ticket is shown", async () => {
    const print = vi.fn();
    Object.defineProperty(window, "print", { value: print, configurable: true, writable: true });
    const { wrapper } = renderTicket(json(200, ticket()));
    await flushPromises();
    expect(document.documentElement.classList.contains("priyom-print-ticket")).toBe(true);
    await wrapper.get('[data-testid="ticket-print"]').trigger("click");
    expect(print).toHaveBeenCalledTimes(1);
    expect(wrapper.find(".ticket-sheet").exists()).toBe(true);
    expect(wrapper.get(".ticket__actions").classes()).toContain("ticket-noprint");
    unmountAll();
    expect(document.documentElement.classList.contains("priyom-print-ticket")).toBe(false);
  });

  it("gives a video visit its link, and never turns a non-web address into one", async () => {
    const video = appointment({ visitMode: "video" });
    const { wrapper } = renderTicket(
      json(200, ticket({ appointment: video, videoLink: "https://video.example.ru/r/abc" })),
    );
    await flushPromises();
    const link = wrapper.get('[data-testid="ticket-video"]');
    expect(link.attributes("href")).toBe("https://video.example.ru/r/abc");
    expect(link.attributes("rel")).toContain("noopener");
    expect(wrapper.find('[data-testid="ticket-room"]').exists()).toBe(false);
    unmountAll();

    const bad = renderTicket(json(200, ticket({ appointment: video, videoLink: "javascript:alert(1)" })));
    await flushPromises();
    expect(bad.wrapper.find('[data-testid="ticket-video"]').exists()).toBe(false);
  });

  it("says when the ticket is not found, and goes back to the list", async () => {
    const { wrapper } = renderTicket(apiError(404, "not_found", "Не найдено"));
    await flushPromises();
    expect(wrapper.get('[data-testid="ticket-not-found"]').text()).toContain("Талон не найден");
    const back = wrapper.get('[data-testid="ticket-back"]');
    expect(back.attributes("href")).toBe("/appointments?tab=past");
    await back.trigger("click");
    expect(wrapper.emitted("back")).toHaveLength(1);
  });

  it("shows a server fault with the request id", async () => {
    const { wrapper } = renderTicket(apiError(500, "internal_error", "x"));
    await flushPromises();
    expect(wrapper.get("[role=alert]").text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.text()).toContain("req_500");
  });
});
