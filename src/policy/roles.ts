/**
 * What each capability allows. Access functions, hooks and endpoints ask
 * `can(user, capability)`, never for a role by name, so a new role is one
 * line of ROLE_CAPABILITIES below.
 */
export const CAPABILITIES = [
  /** Accounts, API keys, imports, jobs, webhooks, the search index; anyone's document lock. */
  'administer',
  /** Sign in and open the admin UI. */
  'useAdmin',
  /** Sections, authors, media and the site's settings, sections hidden from readers included. */
  'editJournal',
  /** Publish, unpublish and schedule articles, send them back with review comments; edit and delete every article. */
  'publish',
  /** Write articles and upload media: without `publish`, only one's own drafts. */
  'writeArticles',
  /** Open the website's preview of a draft (src/preview/). */
  'preview',
  /** Read drafts and unreleased languages as written whenever asked; access still decides which articles. */
  'readDrafts',
  /** Read drafts and unreleased languages only in a read that asks for drafts (`draft=true`); else what the public reads. */
  'readDraftsOnRequest',
  /** The contact directory, entries hidden from readers included. */
  'editDirectory',
  /** Authenticates with an API key only: never signs in, never writes, holds no other role. */
  'apiKeyOnly',
] as const

export type Capability = (typeof CAPABILITIES)[number]

/**
 * Every role and what it may do, in the order the admin UI lists them.
 * `website` is the account whose API key the website sends: it reads (drafts
 * too, for preview) and writes nothing. A `contributor` writes its own article
 * drafts and submits them for review; only editors and admins publish.
 */
export const ROLE_CAPABILITIES = {
  admin: ['administer', 'useAdmin', 'editJournal', 'publish', 'writeArticles', 'preview', 'readDrafts', 'editDirectory'],
  editor: ['useAdmin', 'editJournal', 'publish', 'writeArticles', 'preview', 'readDrafts', 'editDirectory'],
  contacts: ['useAdmin', 'editDirectory'],
  contributor: ['useAdmin', 'writeArticles', 'preview', 'readDrafts'],
  website: ['readDraftsOnRequest', 'apiKeyOnly'],
} as const satisfies Record<string, readonly Capability[]>

export type Role = keyof typeof ROLE_CAPABILITIES

type RolesThatCan<C extends Capability> = { [R in Role]: C extends (typeof ROLE_CAPABILITIES)[R][number] ? R : never }[Role]

/** The roles that may open the admin UI. */
export type StaffRole = RolesThatCan<'useAdmin'>

export const ROLES = Object.keys(ROLE_CAPABILITIES) as Role[]

type Roles = null | readonly string[] | undefined
type UserWithRoles = { roles?: Roles } | null | undefined

/** True when one of these roles has the capability (unknown role names have none). */
export function rolesCan(roles: Roles, capability: Capability): boolean {
  return Boolean(
    roles?.some((role) => Object.hasOwn(ROLE_CAPABILITIES, role) && (ROLE_CAPABILITIES[role as Role] as readonly Capability[]).includes(capability)),
  )
}

/** True when the user (signed in, or an API key) has the capability through one of its roles. */
export function can(user: unknown, capability: Capability): boolean {
  return rolesCan((user as UserWithRoles)?.roles, capability)
}

/** True for someone who writes articles but does not publish them: a contributor. */
export function writesOwnArticlesOnly(user: unknown): boolean {
  return can(user, 'writeArticles') && !can(user, 'publish')
}
