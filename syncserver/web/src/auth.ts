import { reactive } from 'vue'
import { api, session, type Me } from './api'

// Who is signed in (null: nobody). The server decides what each role may do; the menu only hides
// what would be refused.
export const auth = reactive<{ me: Me | null; expired: boolean }>({ me: null, expired: false })

export async function signIn(username: string, password: string) {
  const r = await api.post<{ token: string; expires_at: number; user: Me }>('/auth/login', { username, password })
  session.set(r.token, r.expires_at)
  auth.me = r.user
  auth.expired = false
}

export async function restore(): Promise<boolean> {
  if (auth.me) return true
  if (!session.token()) return false
  try {
    auth.me = await api.get<Me>('/me')
    return true
  } catch {
    return false
  }
}

export async function signOut() {
  try {
    await api.post('/auth/logout')
  } catch {
    /* the session may already be gone */
  }
  session.clear()
  auth.me = null
}

export const isAdmin = () => auth.me?.role === 'admin'
export const isOffice = () => auth.me?.role === 'admin' || auth.me?.role === 'supervisor'
