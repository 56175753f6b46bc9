import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { MailModule } from '../mail/mail.module';
import { AuthLimitsService } from './auth-limits.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { jwtOptions } from './jwt-options';
import { PasswordResetService } from './password-reset.service';
import { PasswordService } from './password.service';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

@Global()
@Module({
  imports: [
    MailModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => jwtOptions(config),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    AuthLimitsService,
    PasswordService,
    PasswordResetService,
    TokenService,
    SessionService,
    BootstrapAdminService,
  ],
  exports: [TokenService, PasswordService, SessionService, AuthLimitsService],
})
export class AuthModule {}
