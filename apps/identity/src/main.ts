import 'reflect-metadata';
import { runServices } from '@app/http';
import { IdentityModule } from './identity.module';

void runServices('identity', [IdentityModule]);
