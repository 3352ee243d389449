CREATE TABLE "partners" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"origin" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "partners_id_prefix" CHECK ("partners"."id" ~ '^ptn_[A-Za-z0-9_-]{8,40}$'),
	CONSTRAINT "partners_name" CHECK (length(trim("partners"."name")) between 1 and 120),
	CONSTRAINT "partners_origin_format" CHECK ("partners"."origin" ~ '^https?://[a-z0-9.-]+(:[0-9]{1,5})?$' and length("partners"."origin") <= 200),
	CONSTRAINT "partners_revoked_after_created" CHECK ("partners"."revoked_at" is null or "partners"."revoked_at" >= "partners"."created_at")
);
--> statement-breakpoint
CREATE TABLE "widget_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "widget_tokens_id_prefix" CHECK ("widget_tokens"."id" ~ '^wtk_[A-Za-z0-9_-]{8,40}$'),
	CONSTRAINT "widget_tokens_hash_format" CHECK ("widget_tokens"."token_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "widget_tokens_lifetime" CHECK ("widget_tokens"."expires_at" > "widget_tokens"."created_at" and "widget_tokens"."expires_at" <= "widget_tokens"."created_at" + interval '1 hour')
);
--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widget_tokens" ADD CONSTRAINT "widget_tokens_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widget_tokens" ADD CONSTRAINT "widget_tokens_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "partners_live_origin_key" ON "partners" USING btree ("origin") WHERE "partners"."revoked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "widget_tokens_hash_key" ON "widget_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "widget_tokens_user" ON "widget_tokens" USING btree ("user_id","created_at");