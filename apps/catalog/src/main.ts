import 'reflect-metadata';
import { runServices } from '@app/http';
import { CatalogModule } from './catalog.module';

void runServices('catalog', [CatalogModule]);
