'use client'
import { useFormFields } from '@payloadcms/ui'
import React from 'react'

import { rolesCan } from '../policy/roles'

/**
 * API keys are for the website's account only (collections/Users/hooks/
 * keepAPIKeysOnWebsiteAccount.ts refuses them elsewhere): on any other
 * account the account form leaves out Payload's API key block ("Generate new
 * API key"), and shows it as soon as the website role is chosen.
 */
export function WebsiteAccountApiKey() {
  const roles = useFormFields(([fields]) => fields.roles?.value)
  const isWebsite = Array.isArray(roles) && rolesCan(roles, 'apiKeyOnly')
  if (isWebsite) {
    return (
      <p className="field-description">
        The website sends this account&apos;s API key with every request (<code>Authorization: users API-Key …</code>): generate it above, copy it into
        the website&apos;s settings, and save.
      </p>
    )
  }
  return <style>{'.auth-fields__api-key { display: none; }'}</style>
}
