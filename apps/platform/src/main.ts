import 'reflect-metadata';
import { hostedServices, loadEnv, SERVICE_NAMES } from '@app/config';
import { runServices } from '@app/http';
import { modulesFor } from './platform';

// The all-in-one process: every service (or those named in SERVICES) in one process on one port.
const defaults = SERVICE_NAMES.join(',');
let services: ReturnType<typeof hostedServices>;
try {
  services = hostedServices(loadEnv({ SERVICES: defaults, JWT_SECRET: 'x'.repeat(32), ...process.env }));
} catch {
  services = new Set(SERVICE_NAMES); // runServices reports the invalid environment properly
}
void runServices(defaults, modulesFor(services));
