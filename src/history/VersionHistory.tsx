import { Gutter, SetDocumentStepNav, Table } from '@payloadcms/ui'
import type { Column, DocumentViewServerProps, Where } from 'payload'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import React from 'react'

import { accountNames, referenceId, savedByLabel } from './accountNames'
import { CompareWithVersion } from './CompareWithVersion'
import { readHistoryEnvironment } from './settings'
import { UPDATED_BY } from './updatedByField'

type VersionRow = {
  autosave?: boolean
  id: number | string
  updatedAt: string
  version: { _status?: 'draft' | 'published'; [UPDATED_BY]?: Parameters<typeof referenceId>[0] }
}

function formatTime(value: string): string {
  return new Date(value).toISOString().slice(0, 19).replace('T', ' ') + ' UTC'
}

function column(accessor: string, label: string, renderedCells: React.ReactNode[]): Column {
  return { accessor, active: true, field: { name: accessor, type: 'text' }, Heading: <span>{label}</span>, renderedCells }
}

function statusLabel(row: VersionRow): string {
  const status = row.version._status === 'published' ? 'Published' : 'Draft'
  return row.autosave ? `${status} (autosave)` : status
}

/**
 * The Versions tab of every record with a history (src/history/plugin.ts):
 * each saved version with when and who saved it, newest first. A version's
 * time opens Payload's version view, which compares it with any other
 * version and restores it. The list is bounded (VERSIONS_MAX_PER_DOC), so it
 * is shown whole. The version view shows the same list in a drawer to pick
 * the version to compare with (`versions.useVersionDrawerCreatedAtCell`):
 * there a version's time picks it instead of opening it.
 */
export async function VersionHistory({ initPageResult, payload, versions: asPicker }: DocumentViewServerProps) {
  const { collectionConfig, docID, globalConfig, req } = initPageResult
  const entity = collectionConfig ?? globalConfig
  if (!entity) return notFound()
  const drafts = Boolean(entity.versions && entity.versions.drafts)
  const and: Where[] = []
  // With drafts in several languages, Payload also keeps a snapshot per save that is not a version of its own.
  if (drafts && payload.config.localization) and.push({ snapshot: { not_equals: true } })

  let rows: VersionRow[]
  try {
    if (collectionConfig) {
      if (docID === undefined) return notFound()
      const found = await payload.findVersions({
        collection: collectionConfig.slug as 'contacts',
        depth: 0,
        overrideAccess: false,
        pagination: false,
        req,
        sort: '-updatedAt',
        where: { and: [...and, { parent: { equals: docID } }] },
      })
      rows = found.docs as unknown as VersionRow[]
    } else {
      const found = await payload.findGlobalVersions({
        slug: globalConfig!.slug as 'site',
        depth: 0,
        overrideAccess: false,
        pagination: false,
        req,
        sort: '-updatedAt',
        where: and.length ? { and } : undefined,
      })
      rows = found.docs as unknown as VersionRow[]
    }
  } catch {
    return notFound()
  }

  const savers = rows.map((row) => referenceId(row.version[UPDATED_BY]))
  const names = await accountNames(payload, savers, req)
  const adminRoute = payload.config.routes.admin
  const base = collectionConfig ? `${adminRoute}/collections/${collectionConfig.slug}/${docID}/versions` : `${adminRoute}/globals/${globalConfig!.slug}/versions`

  const columns: Column[] = [
    column(
      'updatedAt',
      'Saved',
      rows.map((row) =>
        asPicker?.useVersionDrawerCreatedAtCell ? (
          <CompareWithVersion id={String(row.id)} key={String(row.id)} label={formatTime(row.updatedAt)} />
        ) : (
          <Link href={`${base}/${row.id}`} key={String(row.id)}>
            {formatTime(row.updatedAt)}
          </Link>
        ),
      ),
    ),
    column(
      'savedBy',
      'Saved by',
      savers.map((id, index) => (
        <span className={id === null ? 'version-history__cms' : undefined} key={index}>
          {savedByLabel(id, names)}
        </span>
      )),
    ),
    ...(drafts ? [column('status', 'Status', rows.map((row) => <span key={String(row.id)}>{statusLabel(row)}</span>))] : []),
    column('id', 'Version ID', rows.map((row) => <code key={String(row.id)}>{String(row.id)}</code>)),
  ]

  const { maxVersionsPerDocument } = readHistoryEnvironment()
  const list =
    rows.length === 0 ? (
      <div className="versions__no-versions">No versions yet: the first save makes one.</div>
    ) : (
      <Table columns={columns} data={rows as unknown as Record<string, unknown>[]} />
    )
  if (asPicker?.useVersionDrawerCreatedAtCell) return <div className="versions version-history version-history--picker">{list}</div>
  return (
    <>
      <SetDocumentStepNav
        collectionSlug={collectionConfig?.slug}
        globalLabel={globalConfig?.label}
        globalSlug={globalConfig?.slug}
        id={collectionConfig ? docID : undefined}
        pluralLabel={collectionConfig?.labels?.plural}
        useAsTitle={collectionConfig?.admin?.useAsTitle}
        view="Versions"
      />
      <main className="versions version-history">
        <Gutter className="versions__wrap">
          <p className="version-history__about">
            Every save is kept as a version, with who saved it: open one to compare it with another version and to restore
            it. The newest {maxVersionsPerDocument} are kept.
          </p>
          {list}
        </Gutter>
      </main>
    </>
  )
}
