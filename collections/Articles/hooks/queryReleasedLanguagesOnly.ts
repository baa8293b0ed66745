import type { CollectionBeforeOperationHook, Field, Where } from 'payload'

import { LOCALES } from '../../../src/policy/languages'
import { readsUnreleasedText } from '../../../src/policy/readerVisibility'

const FILTERED_OPERATIONS = new Set(['count', 'read', 'readDistinct'])

type Localization = { locales: readonly string[]; requested: string | undefined }

function localizedFieldNames(fields: readonly Field[]): Set<string> {
  return new Set(fields.flatMap((field) => ('name' in field && 'localized' in field && field.localized ? [field.name] : [])))
}

/** The languages a condition on `path` is evaluated in: the one it names (`title.zh`), else the one asked for, else all. */
function localesOf(path: string, { locales, requested }: Localization): readonly string[] {
  const named = path.split('.')[1]
  if (named && locales.includes(named)) return [named]
  return requested && locales.includes(requested) ? [requested] : locales
}

function restrict(where: Where, localized: Set<string>, localization: Localization): Where {
  const parts: Where[] = []
  for (const [key, value] of Object.entries(where)) {
    if ((key.toLowerCase() === 'and' || key.toLowerCase() === 'or') && Array.isArray(value)) {
      parts.push({ [key]: (value as Where[]).map((item) => restrict(item, localized, localization)) })
    } else if (localized.has(key.split('.')[0])) {
      // An article complete in no language is shown as written (less its withheld languages, which a
      // reader may not query): it stays findable by what it holds.
      const completeInNone: Where = { availableLocales: { not_in: [...localization.locales] } }
      const released: Where[] = localesOf(key, localization).map((locale) => ({ or: [{ availableLocales: { in: [locale] } }, completeInNone] }))
      parts.push({ and: [{ [key]: value } as Where, ...released] })
    } else {
      parts.push({ [key]: value } as Where)
    }
  }
  return parts.length === 1 ? parts[0] : { and: parts }
}

/**
 * Readers cannot find an article by the text of a language withheld from
 * them (collections/Articles/hooks/withholdUnreleasedLanguages.ts): a
 * condition on a localized field holds only for articles released in the
 * language it is evaluated in. Otherwise `locale=zh&where[title][equals]=…`
 * would tell a right guess of a translation in progress from a wrong one.
 * (An article complete in no language at all is the exception: readers'
 * conditions apply to it as stored, see docs/security.md.)
 * Editors, admins, contributors and the preview key's draft reads query
 * every language as written.
 */
export const queryReleasedLanguagesOnly: CollectionBeforeOperationHook<'articles'> = ({ args, collection, operation, overrideAccess, req }) => {
  if (!FILTERED_OPERATIONS.has(operation) || overrideAccess || readsUnreleasedText(req)) return args
  const where = 'where' in args ? (args.where as Where | undefined) : undefined
  if (!where || typeof where !== 'object') return args
  return { ...args, where: restrict(where, localizedFieldNames(collection.fields), { locales: LOCALES, requested: req.locale ?? undefined }) }
}
