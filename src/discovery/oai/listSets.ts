import { oaiError } from './errors'
import { oaiDcSetDescription } from './oaiDc'
import type { Repository } from './repository'
import type { OaiArguments } from './requestArguments'
import { loadSetHierarchy } from './sets'
import { firstOf } from './site'
import { element, textElement, type XmlNode } from '../../lib/xmlDocument'

/**
 * ListSets: every journal section readers can see, in one answer (sections
 * are few, so this list is never split and takes no resumption token). The
 * name is the section's title in the default language; the description, in
 * oai_dc, gives its title and description in each language.
 */
export async function listSets(repository: Repository, args: OaiArguments): Promise<XmlNode> {
  if (args.resumptionToken !== undefined) {
    throw oaiError('badResumptionToken', 'The list of sets is never split: there is no resumption token for it.')
  }
  const hierarchy = await loadSetHierarchy(repository.payload, repository.locales[0])
  if (!hierarchy.sets.length) throw oaiError('noSetHierarchy', 'The journal has no sections readers can see yet.')
  return element(
    'ListSets',
    {},
    hierarchy.sets.map((set) =>
      element('set', {}, [
        textElement('setSpec', set.spec),
        textElement('setName', firstOf(set.names, repository.locales) ?? set.spec),
        element('setDescription', {}, [oaiDcSetDescription(set.names, set.descriptions, repository.locales)]),
      ]),
    ),
  )
}
