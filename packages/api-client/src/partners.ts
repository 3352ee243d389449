import {
  ZPartner,
  ZPartnerList,
  ZWidgetPartnerLookup,
  ZWidgetToken,
  type TPartner,
  type TPartnerCreate,
  type TPartnerList,
  type TWidgetPartnerLookup,
  type TWidgetToken,
} from "@priyom/contracts";
import type { RequestTools } from "./after-booking.ts";
import type { CallInit } from "./client.ts";

/** Partner sites (administrators) and the widget sign-in hand-over (the pop-up on our own origin). */
export interface PartnersApi {
  listPartners: (init?: CallInit) => Promise<TPartnerList>;
  /** 400 with `fields.origin` for a malformed origin, 409 `conflict` when it is already registered. */
  createPartner: (body: TPartnerCreate, init?: CallInit) => Promise<TPartner>;
  /** Withdraws a partner: its widgets stop working at once (tokens included). */
  revokePartner: (id: string, init?: CallInit) => Promise<TPartner>;
  /** The registered partner of an origin (404 when none): what the pop-up names before consent. */
  lookupWidgetPartner: (origin: string, init?: CallInit) => Promise<TWidgetPartnerLookup>;
  /** Issues a short-lived token for the signed-in patient, for that partner's origin only. */
  createWidgetToken: (origin: string, init?: CallInit) => Promise<TWidgetToken>;
}

export function partnerMethods({ request, queryString }: RequestTools): PartnersApi {
  return {
    listPartners: (init) => request("GET", "/api/v1/admin/partners", ZPartnerList, undefined, init?.signal),
    createPartner: (body, init) => request("POST", "/api/v1/admin/partners", ZPartner, body, init?.signal),
    revokePartner: (id, init) =>
      request("POST", `/api/v1/admin/partners/${encodeURIComponent(id)}/revoke`, ZPartner, {}, init?.signal),
    lookupWidgetPartner: (origin, init) =>
      request(
        "GET",
        `/api/v1/widget/partners/lookup${queryString({ origin })}`,
        ZWidgetPartnerLookup,
        undefined,
        init?.signal,
      ),
    createWidgetToken: (origin, init) =>
      request("POST", "/api/v1/widget/tokens", ZWidgetToken, { origin }, init?.signal),
  };
}
