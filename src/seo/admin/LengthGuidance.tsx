'use client'
import { useFormFields } from '@payloadcms/ui'
import React from 'react'

import { displayWidth, lengthVerdict, type LengthVerdict } from '../displayWidth'

type Props = {
  /** The widths that fit a search result (a Chinese character counts 2). */
  ideal: { max: number; min: number }
  /** The field's path, given by Payload to components placed after its input. */
  path: string
}

const COLOURS: Record<LengthVerdict, string> = {
  empty: 'var(--theme-elevation-400)',
  good: 'var(--theme-success-500)',
  'too-long': 'var(--theme-error-500)',
  'too-short': 'var(--theme-warning-500)',
}

function advice(verdict: LengthVerdict, width: number, { max, min }: Props['ideal']): string {
  switch (verdict) {
    case 'empty':
      return `Empty: the default below is used. Search results show ${min} to ${max}.`
    case 'too-short':
      return `${width} of ${min} to ${max}: short, ${min - width} more would use the room a search result gives.`
    case 'good':
      return `${width} of ${min} to ${max}: a good length.`
    case 'too-long':
      return `${width} of at most ${max}: too long, search results cut it after about ${max} (${width - max} over).`
  }
}

/**
 * Length guidance under a meta title or description, updated as the editor
 * types: the text's width against the range a search result shows, as a
 * bar and in words. Width, not characters: a Chinese character counts as
 * two Latin letters (src/seo/displayWidth.ts), so the guidance holds in
 * both languages.
 */
export function LengthGuidance({ ideal, path }: Props) {
  const value = useFormFields(([fields]) => fields[path]?.value)
  const text = typeof value === 'string' ? value : ''
  const width = displayWidth(text)
  const verdict = lengthVerdict(width, ideal)
  const scale = Math.max(ideal.max * 1.25, width)
  return (
    <div className="seo-length-guidance" data-path={path} data-verdict={verdict} data-width={width} style={{ marginTop: 6 }}>
      <div aria-hidden style={{ background: 'var(--theme-elevation-100)', borderRadius: 2, height: 4, position: 'relative' }}>
        <div style={{ background: COLOURS[verdict], borderRadius: 2, height: 4, width: `${(width / scale) * 100}%` }} />
        <div style={{ borderLeft: '1px solid var(--theme-elevation-500)', height: 8, left: `${(ideal.min / scale) * 100}%`, position: 'absolute', top: -2 }} />
        <div style={{ borderLeft: '1px solid var(--theme-elevation-500)', height: 8, left: `${(ideal.max / scale) * 100}%`, position: 'absolute', top: -2 }} />
      </div>
      <p className="seo-length-guidance__advice" role="status" style={{ color: verdict === 'good' || verdict === 'empty' ? 'var(--theme-elevation-600)' : COLOURS[verdict], fontSize: 13, margin: '4px 0 0' }}>
        {advice(verdict, width, ideal)} <span style={{ color: 'var(--theme-elevation-500)' }}>(Width: a Chinese character counts as two letters.)</span>
      </p>
    </div>
  )
}
