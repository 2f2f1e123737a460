/**
 * Value pools for the seeded SalesWings data generator. Names and emails are deliberately
 * awkward where the sync has historically broken: non-ASCII letters, apostrophes and
 * backslashes (SOQL escaping), `%`/`_` (LIKE wildcards), letter case and surrounding spaces
 * (email matching is trimmed and case-insensitive), and missing values.
 */

export const FIRST_NAMES = [
  'Anna', 'Ben', 'Chloé', 'David', 'Eva', 'François', 'Giulia', 'Hans', 'Inès', 'Jürgen',
  'Karin', 'Liam', 'Łukasz', 'Marta', 'Noah', 'Olivia', 'Pedro', 'Quinn', 'Renée', 'Søren',
  'Tomás', 'Uma', 'Vera', 'Wei', 'Xavier', 'Yara', 'Zoë', "D'Arcy",
] as const;

export const LAST_NAMES = [
  'Müller', "O'Brien", 'Smith', 'García', 'Rossi', 'Dubois', 'Schmidt', 'Nowak', 'Jensen',
  'Silva', 'Novák', 'Kowalski', 'Van der Berg', 'Núñez', 'Ó Súilleabháin', 'Lee', 'Chen',
  'Brown', 'Martin', 'Fischer', 'Weiß', 'Andersson', 'Papadopoulos', 'Wilson',
] as const;

export const EMAIL_DOMAINS = [
  'example.test', 'acme.example.test', 'globex.example.test', 'initech.example.test',
  'umbrella.example.test', 'exämple.test',
] as const;

/** Cockpit users that own prospects; the org-records generator creates Users with these emails. */
export const OWNER_EMAILS = [
  'ana.owner@sales.example.test',
  'bruno.owner@sales.example.test',
  'chen.owner@sales.example.test',
  'dana.owner@sales.example.test',
  'emil.owner@sales.example.test',
  'fatou.owner@sales.example.test',
] as const;

/**
 * The first prospects of every generated dataset get these emails, so even a small dataset
 * holds each awkward case at least once (null = a prospect without email).
 */
export const FIXED_AWKWARD_EMAILS: readonly (string | null)[] = [
  'zoë.müller@exämple.test',
  "o'brien@example.test",
  'back\\slash@example.test',
  '  Mixed.Case@Example.TEST  ',
  'UPPER.ONLY@EXAMPLE.TEST',
  null,
  '100%_sure@example.test',
  'first+tag@example.test',
];

export const TAG_NAMES = [
  'Pricing Page Visitor', 'Demo Requested', 'Webinar – Q3', 'Newsletter', 'Trial User',
  'Café Owners', 'Enterprise Fit', 'Churn Risk', 'Partner Lead', "Customer's Referral",
  'Event: Berlin 2024', 'Returning Visitor', 'Careers Page', 'Docs Reader', 'Case Study Download',
] as const;

export const SCORE_NAMES = ['Product Interest', 'Engagement', 'Fit', 'Intent', 'Pricing Interest', 'Support Need'] as const;

export const PAGES = [
  { url: 'https://www.example.test/', title: 'Home' },
  { url: 'https://www.example.test/pricing', title: 'Pricing' },
  { url: 'https://www.example.test/product/features', title: 'Features' },
  { url: 'https://www.example.test/blog/lead-scoring-101', title: 'Lead scoring 101' },
  { url: 'https://www.example.test/de/preise?utm_source=newsletter', title: 'Preise – Übersicht' },
  { url: 'https://www.example.test/customers/acme', title: "Acme's story" },
] as const;

export const FORMS = [
  { url: 'https://www.example.test/contact', title: 'Contact form: Demo request' },
  { url: 'https://www.example.test/whitepaper', title: 'Whitepaper download' },
  { url: 'https://www.example.test/webinar', title: 'Webinar registration' },
] as const;

/** Custom events show as `[Kind] Data` in SalesWings (e.g. a Segment track call). */
export const CUSTOM_EVENTS = ['[Track] Signed Up', '[Track] Invited Teammate', '[Identify] Plan Upgraded', '[Track] Opened App'] as const;
