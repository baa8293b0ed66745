import fs from 'node:fs'
import path from 'node:path'

import { projectRoot } from '../../src/lib/projectPaths'

export type FooterPhone = { extension?: string; number: string }

/** An office, department, centre or editorial board as the footer prints it. */
export type FooterUnit = { name: string; phones: FooterPhone[] }

export type DirectoryFooter = {
  artCouncil: { address: string; name: string; telephone: string }
  association: { address: string; email: string; fax: string; telephone: string; website: string }
  units: FooterUnit[]
}

export const LEGACY_ARTICLE = path.join(projectRoot, 'test', 'fixtures', 'legacy', 'master-forum-us-japan-alliance.txt')

function match(pattern: RegExp, line: string | undefined): RegExpExecArray {
  const found = line === undefined ? null : pattern.exec(line)
  if (!found) throw new Error(`the footer line ${JSON.stringify(line)} does not match ${pattern}`)
  return found
}

/**
 * "86-10-82002138, 82005566 Ext.8008" → the direct line, then the switchboard
 * with the extension; "82005669 Ext. 8002" → one number with its extension.
 */
function phonesOf(printed: string): FooterPhone[] {
  const extension = /Ext\.\s*(\d+)/.exec(printed)?.[1]
  const numbers = printed.replace(/Ext\.\s*\d+/, '').split(/[\s,]+/).filter(Boolean)
  return numbers.map((number, index) => (extension && index === numbers.length - 1 ? { extension, number } : { number }))
}

/**
 * The contact footer of the legacy article page, read from the fixture: the
 * association's address line, a line or two of units per line ("Name:numbers"),
 * website and e-mail, then the Art Council and its address.
 */
export function readDirectoryFooter(file = LEGACY_ARTICLE): DirectoryFooter {
  const lines = fs.readFileSync(file, 'utf8').split('\n').map((line) => line.trim()).filter(Boolean)
  const start = lines.findIndex((line) => /^Address:.*Tel:/.test(line))
  const web = lines.findIndex((line, index) => index > start && line.startsWith('Website:'))
  if (start < 0 || web < 0) throw new Error(`no contact footer in ${file}`)

  const [, address, telephone, fax] = match(/^Address:\s*(.+?)\s+Tel:\s*([\d-]+)\s+Fax:\s*([\d-]+)$/, lines[start])
  const [, website, email] = match(/^Website:\s*(\S+)\s+E-Mail:\s*(\S+)$/, lines[web])
  const [, artName, artTelephone] = match(/^(.+?):\s*([\d-]+)$/, lines[web + 1])
  const [, artAddress] = match(/^Address:\s*(.+)$/, lines[web + 2])

  const units = lines.slice(start + 1, web).flatMap((line) =>
    [...line.matchAll(/([^:]+?):\s*([\d\s,-]+(?:Ext\.\s*\d+)?)/g)].map(([, name, printed]) => ({
      name: name.trim(),
      phones: phonesOf(printed),
    })),
  )
  return {
    artCouncil: { address: artAddress, name: artName, telephone: artTelephone },
    association: { address, email, fax, telephone, website },
    units,
  }
}

/** The words of an address, for comparing one with its tidied copy: "No. 1A , Huayanbeili" → No, 1A, Huayanbeili. */
export function addressWords(address: string): string[] {
  return address.split(/[^\p{L}\p{N}]+/u).filter(Boolean)
}
