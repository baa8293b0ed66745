'use client'
import { useConfig, useDocumentInfo } from '@payloadcms/ui'
import React from 'react'

/**
 * On a section: the link to the Crossref deposit of its published articles
 * that have a DOI, the sections below it included (GET /api/sections/{id}/crossref).
 */
export function SectionCrossrefExport() {
  const { id } = useDocumentInfo()
  const {
    config: {
      routes: { api },
      serverURL,
    },
  } = useConfig()
  if (!id) return null
  return (
    <div className="field-type">
      <p className="field-label">Crossref</p>
      <p className="field-description">
        {/* One run of text: the description's own layout would put the link and the words in columns. */}
        <span>
          <a download href={`${serverURL}${api}/sections/${id}/crossref`} id="section-crossref-deposit">
            Crossref deposit (XML)
          </a>{' '}
          of the published articles with a DOI in this section and the sections below it.
        </span>
      </p>
    </div>
  )
}
