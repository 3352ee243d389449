import { z } from "zod";

/*
 * Partner sites and their widgets (issue 7): administrators register a partner's origin; a widget
 * on that origin gets a short-lived bearer token through the sign-in pop-up on Priyom's own origin.
 */

/** A registered partner site. `GET /api/v1/admin/partners` lists them (live first, then withdrawn). */
export const ZPartner = z.object({
  id: z.string(),
  name: z.string(),
  /** Exactly what a browser sends as `Origin`: scheme, host, port; no path, lower case. */
  origin: z.string(),
  createdAt: z.string(),
  /** Set when withdrawn: its widgets stop working at once. */
  revokedAt: z.string().nullable(),
});
export type TPartner = z.infer<typeof ZPartner>;

export const ZPartnerList = z.object({ items: z.array(ZPartner) });
export type TPartnerList = z.infer<typeof ZPartnerList>;

/**
 * `POST /api/v1/admin/partners` (administrators). The origin is normalised (lower case, default
 * port dropped); a path, query, credentials or a scheme other than http(s) is a field error.
 */
export const ZPartnerCreate = z.object({
  name: z.string().max(120),
  origin: z.string().max(200),
});
export type TPartnerCreate = z.infer<typeof ZPartnerCreate>;

/** `GET /api/v1/widget/partners/lookup?origin=` — what the sign-in pop-up shows before consent. */
export const ZWidgetPartnerLookup = z.object({
  name: z.string(),
  origin: z.string(),
});
export type TWidgetPartnerLookup = z.infer<typeof ZWidgetPartnerLookup>;

/** `POST /api/v1/widget/tokens` — asked by the pop-up (session cookie, our own origin). */
export const ZWidgetTokenRequest = z.object({
  /** The partner page's origin, as the pop-up learnt it from its opener; must be registered. */
  origin: z.string().max(200),
});
export type TWidgetTokenRequest = z.infer<typeof ZWidgetTokenRequest>;

/**
 * The token, handed to the partner's origin by `postMessage` only. Sent back as
 * `Authorization: Bearer <token>`; valid for the partner's origin only, until `expiresAt`.
 */
export const ZWidgetToken = z.object({
  token: z.string(),
  expiresAt: z.string(),
  partner: ZWidgetPartnerLookup,
});
export type TWidgetToken = z.infer<typeof ZWidgetToken>;

/** The message the pop-up posts to its opener (`targetOrigin` = the partner's origin). */
export const WIDGET_TOKEN_MESSAGE = "priyom:widget-token";
export interface WidgetTokenMessage {
  type: typeof WIDGET_TOKEN_MESSAGE;
  token: string;
  expiresAt: string;
}
