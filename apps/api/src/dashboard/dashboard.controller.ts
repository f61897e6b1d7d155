import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { chartsModuleSource } from '@pm/charts';
import { Public } from '@pm/platform';

const PUBLIC_DIR = join(__dirname, 'public');

/** Read once: the files ship with the build and never change while the service runs. */
const read = (file: string): string => readFileSync(join(PUBLIC_DIR, file), 'utf8');

/**
 * The analysts' dashboard: a static page that holds no data. It fetches everything from the API
 * with the key the user gives it, so it sees exactly what that key's role may see.
 */
@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  private readonly files = new Map<string, string>();

  private file(name: string): string {
    let body = this.files.get(name);
    if (body === undefined) {
      body = read(name);
      this.files.set(name, body);
    }
    return body;
  }

  @Get()
  @Public()
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The dashboard page; it asks for an analyst or admin key and reads the API with it' })
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return this.file('index.html');
  }

  @Get('dashboard.js')
  @Public()
  @ApiProduces('text/javascript')
  @ApiOkResponse({ description: 'A static file of the dashboard' })
  @Header('content-type', 'text/javascript; charset=utf-8')
  script(): string {
    return this.file('dashboard.js');
  }

  @Get('charts.js')
  @Public()
  @ApiProduces('text/javascript')
  @ApiOkResponse({ description: 'A static file of the dashboard' })
  @Header('content-type', 'text/javascript; charset=utf-8')
  charts(): string {
    return chartsModuleSource();
  }

  @Get('dashboard.css')
  @Public()
  @ApiProduces('text/css')
  @ApiOkResponse({ description: 'A static file of the dashboard' })
  @Header('content-type', 'text/css; charset=utf-8')
  styles(): string {
    return this.file('dashboard.css');
  }
}
