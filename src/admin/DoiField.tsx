'use client'
import { Button, TextField, toast, useConfig, useDocumentInfo, useField, useFormModified } from '@payloadcms/ui'
import type { TextFieldClientComponent } from 'payload'
import React, { useState } from 'react'

/**
 * The article's DOI (src/discovery/crossref/articleFields.ts): the text
 * field, a button that fills in the DOI made from the server's DOI_PREFIX
 * (GET /api/articles/{id}/suggested-doi; the editor then saves), and, once
 * the saved article has a DOI, the link to its Crossref deposit file.
 */
export const DoiField: TextFieldClientComponent = (props) => {
  const { path } = props
  const { setValue, value } = useField<string>({ path })
  const { id, initialData } = useDocumentInfo()
  const modified = useFormModified()
  const {
    config: {
      routes: { api },
      serverURL,
    },
  } = useConfig()
  const [busy, setBusy] = useState(false)
  const savedDoi = typeof initialData?.doi === 'string' ? initialData.doi : ''

  const generate = async () => {
    if (!id) return
    setBusy(true)
    try {
      const response = await fetch(`${serverURL}${api}/articles/${id}/suggested-doi`, { credentials: 'include' })
      const body = (await response.json()) as { doi?: string; errors?: { message: string }[] }
      if (!response.ok || !body.doi) throw new Error(body.errors?.[0]?.message ?? `The server answered ${response.status}`)
      setValue(body.doi)
      toast.success(`DOI ${body.doi} filled in: save the article to keep it`)
    } catch (error) {
      toast.error(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="doi-field" style={{ marginBottom: 'var(--spacing-field)' }}>
      <TextField {...props} />
      {id && !value ? (
        <Button buttonStyle="secondary" disabled={busy} id="generate-doi" margin={false} onClick={generate} size="small">
          Generate DOI
        </Button>
      ) : null}
      {id && savedDoi && savedDoi === value && !modified ? (
        <p className="field-description">
          {/* One run of text: the description's own layout would put the link and the words in columns. */}
          <span>
            <a download href={`${serverURL}${api}/articles/${id}/crossref`} id="crossref-deposit">
              Crossref deposit (XML)
            </a>{' '}
            of the published article, to upload to Crossref.
          </span>
        </p>
      ) : null}
    </div>
  )
}
