import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { validateBody } from '@app/common';
import { LoginDto } from './auth.dto';

/** Guards run before pipes, so the body is validated here, with the pipe's rules, before passport reads it. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    await validateBody(LoginDto, context.switchToHttp().getRequest().body);
    return (await super.canActivate(context)) as boolean;
  }
}
