// Starts the NHS.UK frontend components (no inline script: the CSP forbids it).
import { initAll } from '../vendor/nhsuk-frontend/nhsuk-frontend.min.js'
initAll()
