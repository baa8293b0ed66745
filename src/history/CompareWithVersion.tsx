'use client'
import { useModal, useRouteTransition } from '@payloadcms/ui'
import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import React from 'react'

/**
 * A version's time in the list the version view opens to pick what to
 * compare with ("More versions"): choosing it closes the list and compares
 * the open version with this one (Payload's `versionFrom` parameter).
 */
export function CompareWithVersion({ id, label }: { id: string; label: string }) {
  const { closeAllModals } = useModal()
  const router = useRouter()
  const pathname = usePathname()
  const searchParams = useSearchParams()
  const { startRouteTransition } = useRouteTransition()
  return (
    <button
      className="created-at-cell"
      onClick={() => {
        closeAllModals()
        const query = new URLSearchParams(searchParams.toString())
        query.set('versionFrom', id)
        startRouteTransition(() => router.push(`${pathname}?${query.toString()}`))
      }}
      type="button"
    >
      {label}
    </button>
  )
}
