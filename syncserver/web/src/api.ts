// The console's only way to the server: /api/v1 with the session's bearer token. Every refusal
// becomes an ApiError carrying the server's code and message, shown to the person as it is.

export interface ApiErrorBody {
  error?: { code?: string; message?: string; request_id?: string }
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
  ) {
    super(message)
  }
}

const TOKEN_KEY = 'careeval.token'
const EXPIRY_KEY = 'careeval.expires'

export const session = {
  token(): string | null {
    const t = sessionStorage.getItem(TOKEN_KEY)
    const exp = Number(sessionStorage.getItem(EXPIRY_KEY) ?? 0)
    if (t && exp && Date.now() > exp) {
      this.clear()
      return null
    }
    return t
  },
  set(token: string, expiresAt: number) {
    sessionStorage.setItem(TOKEN_KEY, token)
    sessionStorage.setItem(EXPIRY_KEY, String(expiresAt))
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY)
    sessionStorage.removeItem(EXPIRY_KEY)
  },
}

// Called when the server says the session is over (expired token): the app goes to sign-in.
let onSignedOut: () => void = () => {}
export function whenSignedOut(f: () => void) {
  onSignedOut = f
}

async function errorFrom(res: Response): Promise<ApiError> {
  let body: ApiErrorBody = {}
  try {
    body = (await res.json()) as ApiErrorBody
  } catch {
    /* not JSON: keep the status line */
  }
  const code = body.error?.code ?? `http_${res.status}`
  let message = body.error?.message ?? res.statusText
  if (body.error?.request_id) message += ` (${body.error.request_id})`
  return new ApiError(res.status, code, message)
}

export async function request<T>(method: string, path: string, body?: unknown, raw = false): Promise<T> {
  const headers: Record<string, string> = {}
  const token = session.token()
  if (token) headers.Authorization = `Bearer ${token}`
  let payload: BodyInit | undefined
  if (body instanceof Blob || typeof body === 'string') {
    payload = body
    headers['Content-Type'] = typeof body === 'string' ? 'application/json' : 'application/octet-stream'
  } else if (body !== undefined) {
    payload = JSON.stringify(body)
    headers['Content-Type'] = 'application/json'
  }
  let res: Response
  try {
    res = await fetch(`/api/v1${path}`, { method, headers, body: payload })
  } catch (e) {
    throw new ApiError(0, 'network', (e as Error).message)
  }
  if (res.status === 401 && path !== '/auth/login') {
    session.clear()
    onSignedOut()
  }
  if (!res.ok) throw await errorFrom(res)
  if (raw) return (await res.blob()) as T
  if (res.status === 204) return undefined as T
  return (await res.json()) as T
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  blob: (path: string) => request<Blob>('GET', path, undefined, true),
}

// What the server sends (the subset the console reads).
export type Role = 'admin' | 'supervisor' | 'lead' | 'evaluator'
export interface Me {
  username: string
  display_name: string
  role: Role
}
export interface UserRow extends Me {
  active: boolean
  last_login?: number
}
export interface Institution {
  id: string
  name: string
  region: string
  type: string
  address: string
  beds: number
  linked_inspectors: string[]
}
export interface TeamMember {
  username: string
  role: Role
  display_name?: string
}
export interface Assignment {
  id: string
  institution: string
  institution_name?: string
  template_id: string
  template_version: string
  status: 'draft' | 'submitted' | 'returned' | 'approved'
  planned_date: string
  team: TeamMember[]
  created_at: number
}
export interface TemplateRow {
  id: string
  version: string
  sha256: string
  uploaded_at: number
  title?: { zh: string; en: string }
}
