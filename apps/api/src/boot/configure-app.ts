import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { raw } from 'express';
import helmet from 'helmet';
import { AllExceptionsFilter, createValidationPipe, type AppConfig } from '@app/common';
import { bodyGuard } from './body-guard';
import { ErrorDto } from './error.dto';
import { serveWebDesk } from './web-desk';

export const BODY_LIMIT = '1mb';

/** Everything an HTTP app needs beyond its modules; used by main and by the e2e tests, so both run the same desk. */
export function configureApp(app: NestExpressApplication, { publicUrl, trustProxy, webDir }: Pick<AppConfig, 'publicUrl' | 'trustProxy' | 'webDir'>): void {
  const https = publicUrl.startsWith('https:');
  app.disable('x-powered-by');
  // req.ip (what sign-in throttling counts) is the socket's peer unless TRUST_PROXY names the proxies to believe.
  app.set('trust proxy', trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          // The desk is often served over plain http on localhost or an internal network.
          'upgrade-insecure-requests': null,
        },
      },
      // HSTS only makes sense where the desk is served over https.
      strictTransportSecurity: https,
    }),
  );
  // Webhooks get their body as bytes whatever the content type: signatures cover the exact bytes, and the bytes
  // are what is stored. The JSON parser below then leaves these requests alone.
  app.use('/webhooks', raw({ type: () => true, limit: BODY_LIMIT }));
  // The app is created with rawBody: true, so req.rawBody keeps the exact bytes of API requests too.
  app.useBodyParser('json', { limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: true });
  app.use(bodyGuard);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  setUpOpenApi(app);
  serveWebDesk(app, webDir);
}

function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Response desk API')
    .setDescription(
      'The engagement inbox and response desk. All times are ISO 8601 UTC, durations integer seconds, ids UUIDs. ' +
        'Errors are `{statusCode, message, error, code}` with a stable `code`; validation errors list every bad field. ' +
        'Sign in with POST /api/auth/login and send `Authorization: Bearer <accessToken>`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addGlobalResponse(
      { status: 400, description: 'VALIDATION_FAILED, MALFORMED_JSON', type: ErrorDto },
      { status: 401, description: 'AUTH_REQUIRED, TOKEN_INVALID, TOKEN_EXPIRED, MEMBERSHIP_INACTIVE', type: ErrorDto },
      { status: 403, description: 'ACCESS_DENIED', type: ErrorDto },
      { status: 404, description: 'the resource does not exist in your workspace', type: ErrorDto },
      { status: 413, description: 'PAYLOAD_TOO_LARGE: bodies over 1 MiB', type: ErrorDto },
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorDto] });
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
