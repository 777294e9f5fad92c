import { createRouter, createWebHistory } from 'vue-router'
import { auth, restore } from './auth'
import type { Role } from './api'

// Each page is its own chunk: the sign-in page loads none of them (and no charts).
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', redirect: '/board' },
    { path: '/login', component: () => import('./pages/LoginPage.vue'), meta: { public: true } },
    { path: '/board', component: () => import('./pages/BoardPage.vue'), meta: { roles: ['admin', 'supervisor'] } },
    { path: '/inspections/:id', component: () => import('./pages/InspectionPage.vue'), props: true, meta: { roles: ['admin', 'supervisor'] } },
    { path: '/dashboard', component: () => import('./pages/DashboardPage.vue'), meta: { roles: ['admin', 'supervisor'] } },
    { path: '/draw', component: () => import('./pages/DrawPage.vue'), meta: { roles: ['admin'] } },
    { path: '/draws/:id', component: () => import('./pages/DrawRecordPage.vue'), props: true, meta: { roles: ['admin', 'supervisor'] } },
    { path: '/institutions', component: () => import('./pages/InstitutionsPage.vue'), meta: { roles: ['admin', 'supervisor'] } },
    { path: '/templates', component: () => import('./pages/TemplatesPage.vue'), meta: { roles: ['admin', 'supervisor'] } },
    { path: '/users', component: () => import('./pages/UsersPage.vue'), meta: { roles: ['admin'] } },
    { path: '/audit', component: () => import('./pages/AuditPage.vue'), meta: { roles: ['admin', 'supervisor'] } },
    { path: '/account', component: () => import('./pages/AccountPage.vue') },
    { path: '/:rest(.*)*', redirect: '/board' },
  ],
})

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  if (!(await restore())) return { path: '/login', query: { next: to.fullPath } }
  const roles = to.meta.roles as Role[] | undefined
  if (roles && auth.me && !roles.includes(auth.me.role)) return auth.me.role === 'admin' || auth.me.role === 'supervisor' ? '/board' : '/account'
  return true
})
