import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { jwtOptions } from './jwt-options';
import { PasswordService } from './password.service';
import { TokenService } from './token.service';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => jwtOptions(config),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, PasswordService, TokenService, BootstrapAdminService],
  exports: [TokenService, PasswordService],
})
export class AuthModule {}
