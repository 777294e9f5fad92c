import { createApp } from 'vue'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import { installUi } from './ui'
import './style.css'

const app = createApp(App)
installUi(app)
app.use(i18n)
app.use(router)
app.mount('#app')
