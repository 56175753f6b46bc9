import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@rostrum/config';
import { AppModule } from './app.module';
import { securityHeaders } from './common/security-headers';
import { SESSION_COOKIE } from './auth/session-cookie';
import { CSV_MAX_BYTES } from './common/csv-import';
import { createValidationPipe } from './common/validation';
import { AppEvents } from './common/app-events';
import { RedisIoAdapter } from './live/redis-io.adapter';
import { serveWebApp } from './web/serve-web-app';

/** Builds the API exactly as production runs it; `main.ts` and the end-to-end tests both call this. */
export async function createApiApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    rawBody: true, // the LiveKit webhook is verified against the exact bytes received
  });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  app.useBodyParser('json', { limit: '1mb' });
  // LiveKit posts webhooks as application/webhook+json; kept raw (req.rawBody) for signature verification.
  app.useBodyParser('raw', { type: 'application/webhook+json', limit: '1mb' });
  // CSV imports (delegations, invitations) arrive as text; a file over 2 MB is 413 PAYLOAD_TOO_LARGE.
  app.useBodyParser('text', { type: 'text/csv', limit: CSV_MAX_BYTES });
  app.useGlobalPipes(createValidationPipe());
  app.enableCors({
    origin: config.corsOrigins.length ? config.corsOrigins : false,
    credentials: true,
    exposedHeaders: ['X-Total-Count'], // lists' totals, for a web app on another origin
  });
  app.disable('x-powered-by');
  // Whose X-Forwarded-For/-Proto to believe: nobody unless TRUST_PROXY names the proxies (or their hop count).
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders(config)); // before the web app's files and the API routes: every response
  app.enableShutdownHooks();
  serveWebApp(app); // the browser app at `/`; registered before Nest's routes, it leaves /api alone

  const ioAdapter = new RedisIoAdapter(app, config, app.get(AppEvents));
  await ioAdapter.connectToRedis();
  app.useWebSocketAdapter(ioAdapter);

  if (config.apiDocs) serveApiDocs(app);
  return app;
}

/** Swagger UI at /api/docs and the document at /api/docs/openapi.json (off in production unless API_DOCS=true). */
function serveApiDocs(app: NestExpressApplication): void {
  const openApi = new DocumentBuilder()
    .setTitle('Rostrum API')
    .setDescription(
      'REST API of Rostrum. Errors are always {statusCode, code, message}. The live socket protocol is in docs/socket-api.md.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, SESSION_COOKIE)
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
}
