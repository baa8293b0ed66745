/** The error codes of OAI-PMH (protocol section 3.6). */
export type OaiErrorCode =
  | 'badArgument'
  | 'badResumptionToken'
  | 'badVerb'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noMetadataFormats'
  | 'noRecordsMatch'
  | 'noSetHierarchy'

export type OaiProblem = { code: OaiErrorCode; message: string }

/**
 * A request the protocol answers with errors instead of a result: one or
 * more codes, each with a message for the person reading the answer.
 */
export class OaiError extends Error {
  readonly problems: OaiProblem[]

  constructor(problems: OaiProblem | OaiProblem[]) {
    const list = Array.isArray(problems) ? problems : [problems]
    super(list.map((problem) => `${problem.code}: ${problem.message}`).join('; '))
    this.name = 'OaiError'
    this.problems = list
  }

  /** badVerb and badArgument: the request itself is wrong, so the answer echoes none of its arguments. */
  get echoesArguments(): boolean {
    return !this.problems.some((problem) => problem.code === 'badVerb' || problem.code === 'badArgument')
  }
}

export function oaiError(code: OaiErrorCode, message: string): OaiError {
  return new OaiError({ code, message })
}
