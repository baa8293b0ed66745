import type { Locale, Payload, TypedUser } from 'payload'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import React from 'react'

import { languageLabel } from '../policy/languages'
import { can } from '../policy/roles'
import { editorialDesk, type DeskArticle, type DeskList } from './editorialDesk'
import { landingPage } from './landingPage'
import './editorialDashboard.scss'

type Props = { locale?: Locale; payload: Payload; user?: null | TypedUser }

const STATUS_LABELS: Record<string, string> = {
  'changes-requested': 'Changes requested',
  draft: 'Draft',
  'in-review': 'In review',
  published: 'Published',
  scheduled: 'Scheduled',
}

function formatDate(value: string): string {
  return new Date(value).toISOString().slice(0, 16).replace('T', ' ') + ' UTC'
}

function ArticleLine({ adminRoute, article, detail }: { adminRoute: string; article: DeskArticle; detail: string }) {
  return (
    <li className="editorial-desk__article">
      <Link href={`${adminRoute}/collections/articles/${article.id}`}>{article.title}</Link>
      <span className="editorial-desk__detail">{detail}</span>
    </li>
  )
}

function DeskPanel({
  adminRoute,
  detail,
  empty,
  id,
  list,
  title,
}: {
  adminRoute: string
  detail: (article: DeskArticle) => string
  empty: string
  id: string
  list: DeskList
  title: string
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="editorial-desk__panel" id={id}>
      <h3 id={`${id}-heading`}>
        {title} <span className="editorial-desk__count">{list.totalDocs}</span>
      </h3>
      {list.articles.length === 0 ? (
        <p className="editorial-desk__empty">{empty}</p>
      ) : (
        <ul>
          {list.articles.map((article) => (
            <ArticleLine adminRoute={adminRoute} article={article} detail={detail(article)} key={article.id} />
          ))}
        </ul>
      )}
      {list.totalDocs > list.articles.length ? <Link href={list.listUrl}>Show all {list.totalDocs}</Link> : null}
    </section>
  )
}

/**
 * The top of the admin dashboard. People who write get their editorial desk:
 * their drafts, articles awaiting review, scheduled ones and missing
 * translations. Contacts staff, who keep the directory and nothing else,
 * land on the directory instead.
 */
export async function EditorialDashboard({ locale, payload, user }: Props) {
  const adminRoute = payload.config.routes.admin
  if (!user) return null
  if (!can(user, 'writeArticles')) {
    // The server sends such users to their page before the dashboard renders (src/admin/adminRedirects.ts).
    const landing = landingPage(user, adminRoute)
    if (landing) redirect(landing)
    return null
  }

  const desk = await editorialDesk({ adminRoute, locale: locale?.code, payload, user })
  const updated = (article: DeskArticle) => `${STATUS_LABELS[article.workflowStatus] ?? article.workflowStatus} · updated ${formatDate(article.updatedAt)}`
  return (
    <div className="editorial-desk">
      <h2>Editorial desk</h2>
      <div className="editorial-desk__panels">
        <DeskPanel adminRoute={adminRoute} detail={updated} empty="No drafts of yours." id="desk-my-drafts" list={desk.myDrafts} title="My drafts" />
        <DeskPanel
          adminRoute={adminRoute}
          detail={(article) => `submitted ${formatDate(article.updatedAt)}`}
          empty="Nothing awaits review."
          id="desk-awaiting-review"
          list={desk.awaitingReview}
          title="Awaiting review"
        />
        <DeskPanel
          adminRoute={adminRoute}
          detail={(article) => (article.scheduledFor ? `goes live ${formatDate(article.scheduledFor)}` : 'scheduled')}
          empty="Nothing is scheduled."
          id="desk-scheduled"
          list={desk.scheduled}
          title="Scheduled"
        />
        <DeskPanel
          adminRoute={adminRoute}
          detail={(article) => `lacks ${article.missingLocales.map(languageLabel).join(', ')}`}
          empty="Every article is complete in every language."
          id="desk-missing-translations"
          list={desk.missingTranslations}
          title="Missing translations"
        />
      </div>
    </div>
  )
}
